"""Configuration: discovery, schema validation, limits."""
