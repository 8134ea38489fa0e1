"""Resource limits applied before and while reading untrusted files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_members: int = 2000
    max_total_uncompressed: int = 300 * 1024 * 1024
    max_member_bytes: int = 100 * 1024 * 1024
    max_compression_ratio: int = 100
    max_table_rows: int = 20000
    max_blocks: int = 200000


DEFAULT_LIMITS = Limits()
