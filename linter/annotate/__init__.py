"""Annotated copies: Word comments and tracked-change corrections spliced into the .docx."""
