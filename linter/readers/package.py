"""Safe access to an OOXML zip package: limits first, capped reads, hardened XML parsing."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Optional

from lxml import etree

from linter.errors import InputError
from linter.limits import Limits

_SAFE_PARSER_OPTS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
)


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(**_SAFE_PARSER_OPTS)


class Package:
    """A validated zip package. Members are read with a hard cap on their real size."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError("RL-IO-002", str(exc)) from None
        self._check(infos)
        self._names = {info.filename for info in infos}

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.max_zip_members:
            raise InputError("RL-IO-005", f"{len(infos)} members > max_zip_members {lim.max_zip_members}")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError("RL-IO-004", info.filename)
            total += info.file_size
            if info.file_size > lim.max_member_bytes:
                raise InputError("RL-IO-005", f"{info.filename}: {info.file_size} bytes > max_member_bytes")
            if info.compress_size and info.file_size / info.compress_size > lim.max_compression_ratio:
                if info.file_size > 1024 * 1024:  # tiny members compress well legitimately
                    raise InputError(
                        "RL-IO-005",
                        f"{info.filename}: compression ratio > max_compression_ratio {lim.max_compression_ratio}",
                    )
        if total > lim.max_total_uncompressed:
            raise InputError("RL-IO-005", f"{total} bytes uncompressed > max_total_uncompressed")

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes:
        cap = self.limits.max_member_bytes
        try:
            with self._zip.open(name) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            raise InputError("RL-IO-002", f"{name}: {exc}") from None
        except Exception as exc:  # zlib.error and friends from corrupt streams
            raise InputError("RL-IO-002", f"{name}: {exc}") from None
        if len(data) > cap:
            raise InputError("RL-IO-005", f"{name}: larger than max_member_bytes")
        return data

    def xml(self, name: str) -> Optional[etree._Element]:
        """Parse a member safely; None if absent. A DOCTYPE is refused (OOXML never needs one)."""
        if not self.has(name):
            return None
        data = self.read(name)
        try:
            root = etree.fromstring(data, safe_parser())
        except etree.XMLSyntaxError as exc:
            line = getattr(exc, "lineno", None)
            raise InputError("RL-IO-006", f"{name} line {line}: {exc.msg}") from None
        tree = root.getroottree()
        if tree.docinfo.doctype:
            raise InputError("RL-IO-006", f"{name}: DOCTYPE not allowed")
        return root

    def close(self) -> None:
        self._zip.close()
