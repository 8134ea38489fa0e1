"""The PDF reader on PDFium: characters and rulings, lines, table grids, tables over page breaks."""
