"""Recognition: the report's sections, logical tables, edition, year and labels."""
