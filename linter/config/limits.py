"""Resource limits applied before and while reading untrusted files.

Every field is one limit; its name is the future configuration key and is what an RL-IO-005
(or RL-IO-012) message names, e.g. ``max_compression_ratio = 100``. README § Security lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # The file as a whole (every format), checked before anything is parsed.
    max_file_bytes: int = 50 * MB
    # OOXML zip packages, checked from the central directory before anything is decompressed.
    max_zip_members: int = 2000
    max_total_uncompressed: int = 300 * MB
    max_member_bytes: int = 100 * MB  # also a hard cap on the bytes really read per member
    max_compression_ratio: int = 100  # for members over 1 MB; small XML parts compress well
    # XML parts (libxml2 itself stops at depth 256 and 10 MB text nodes with huge_tree off).
    max_xml_bytes: int = 64 * MB
    max_xml_depth: int = 256  # libxml2's own; a lower value adds a pass over the tree
    # The document model.
    max_blocks: int = 200_000  # paragraphs and tables in body order
    max_table_rows: int = 20_000
    max_table_cols: int = 1000  # grid columns of one table (Word's own maximum is 63)
    max_table_cells: int = 1_000_000  # rows x grid columns of one table
    # HTML, PDF and plain-text readers.
    max_html_bytes: int = 20 * MB
    max_text_bytes: int = 20 * MB
    max_pdf_pages: int = 1000
    # Word 97-2003 binary documents (.doc, .wps).
    max_doc_pieces: int = 100_000  # text pieces of the piece table (and their property lists)
    max_doc_fkp_pages: int = 20_000  # 512-byte paragraph or character property pages
    # Batch runs in a child process (linter.run.pool).
    max_seconds_per_file: float = 60.0
    max_memory_bytes: int = 2048 * MB  # address space of the child process (POSIX only)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


DEFAULT_LIMITS = Limits()


def describe(name: str, value: object) -> str:
    """``max_member_bytes = 104857600 (100 MB)``: the limit's key and value, sizes also in MB."""
    if name.endswith("_bytes") or name == "max_total_uncompressed":
        assert isinstance(value, int)
        return f"{name} = {value} ({value / MB:g} MB)" if value >= MB else f"{name} = {value}"
    return f"{name} = {value:g}" if isinstance(value, float) else f"{name} = {value}"
