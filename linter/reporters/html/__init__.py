"""The HTML report: the page and its assets."""
