"""Rule sets: YAML loading and validation, the expression language, rule documentation."""
