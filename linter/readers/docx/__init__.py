"""The .docx reader: the package, numbering, the formatting cut, the body."""
