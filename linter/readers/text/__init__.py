"""The plain-text reader: decoding, tables rebuilt from text, run-on dumps."""
