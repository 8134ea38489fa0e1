"""The office's view of a batch: which body a report is, its years paired, the roster's coverage."""
