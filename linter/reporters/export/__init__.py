"""``reportlint export``: the figures of every report for evaluators, as xlsx, CSV or JSON."""
