"""A batch's results kept on disk, not in memory: each FileResult is pickled to an anonymous
temporary file as it arrives and read back when the report is written, so the parent of a batch
holds one offset per file however long the batch (memory does not grow with the batch)."""

from __future__ import annotations

import pickle
import tempfile
from array import array
from typing import Iterable, Iterator, Optional, Sequence, overload

from linter.i18n import Msg
from linter.findings import FileResult
from linter.run.outputs import WriteError


def _spool_error(exc: OSError) -> WriteError:
    """The temporary folder cannot hold the batch's results: say which folder and why."""
    from linter.errors import os_detail

    folder = tempfile.gettempdir()
    detail = os_detail(exc)
    return WriteError(
        Msg.of("error.write.temporary_folder_cannot_hold", folder=folder, detail=detail),
    )


class ResultSpool(Sequence[FileResult]):
    """A list of FileResults (append, replace, index, iterate) stored in a temporary file."""

    def __init__(self, results: Iterable[FileResult] = ()) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="reportlint-")  # deleted when closed or collected
        except OSError as exc:
            raise _spool_error(exc) from None
        self._offsets = array("q")
        for result in results:
            self.append(result)

    def _write(self, result: FileResult) -> int:
        try:
            offset = self._file.seek(0, 2)
            pickle.dump(result, self._file, pickle.HIGHEST_PROTOCOL)
            self._file.flush()  # a full temporary folder is told now, not when the results are read
        except OSError as exc:
            raise _spool_error(exc) from None
        return offset

    def append(self, result: FileResult) -> None:
        self._offsets.append(self._write(result))

    def __setitem__(self, i: int, result: FileResult) -> None:
        self._offsets[i] = self._write(result)  # the replaced record stays in the file, unread

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, i: int) -> FileResult: ...

    @overload
    def __getitem__(self, i: slice) -> list[FileResult]: ...

    def __getitem__(self, i: int | slice) -> FileResult | list[FileResult]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        self._file.seek(self._offsets[i])
        result: FileResult = pickle.load(self._file)
        return result

    def __iter__(self) -> Iterator[FileResult]:
        for i in range(len(self)):
            yield self[i]

    def close(self) -> None:
        self._file.close()


def in_order(groups: Sequence[tuple[Sequence[int], Sequence[FileResult]]], count: int) -> Sequence[FileResult]:
    """The results of the groups of a batch (files grouped by configuration) in input order;
    ``indexes`` says where each group's results go. A single group is the batch in order already."""
    if len(groups) == 1:
        return groups[0][1]
    slots: list[Optional[tuple[Sequence[FileResult], int]]] = [None] * count
    for indexes, results in groups:
        for j, i in enumerate(indexes):
            slots[i] = (results, j)
    return ResultSpool(results[j] for results, j in filter(None, slots))
