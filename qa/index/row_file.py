"""A stored `.npy` array read with positioned reads (`os.preadv`) instead of a memory map.

Why: a query of a large index reads a few hundred scattered rows (the refine step's exact re-score,
the candidates' chunk vectors, their sentence vectors, the postings of the question's terms). Read
through a memory map, each of those rows maps a whole page-cache folio into the process, and the
kernel counts every mapped page in the process's RSS: at 1M chunks, touching 1,000 random rows of
`vectors.npy` (1.5 MB of data) added 450 MB of RSS, and 61 questions brought a query process to
3.3 GB (eval/bench/scale.md). A positioned read copies only the bytes asked for out of the same page
cache into a private buffer that lives as long as the query needs it; the file's pages stay shared
page cache, counted once by the kernel and by no process.

`RowFile` answers the indexing a reader does (`a[i]`, `a[i:j]`, `a[rows]`, `a[rows, k]`) with the same
values, dtype and shape as the memory-mapped array would, so the numbers computed from it are
bit-identical. Rows asked for together are sorted and read run by run (one system call per run of
consecutive rows). Small indexes keep the memory map (`reader.POSITIONED_READS_FROM`), where every page
is soon mapped once and a read costs no system call.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import IndexCorruptError

_HINT = "run `qa ingest PATH --rebuild`"


class RowFile:
    """A read-only view of a C-ordered `.npy` file whose rows are read on demand. Thread-safe: each
    read names its offset, and the one file descriptor is shared and never moved."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            with open(self.path, "rb") as fh:
                major, _ = np.lib.format.read_magic(fh)
                header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
                shape, fortran_order, dtype = header(fh)
                self._offset = fh.tell()
            size = self.path.stat().st_size
        except FileNotFoundError:
            raise
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"cannot read {self.path}: {exc}", hint=_HINT) from exc
        if fortran_order or dtype.hasobject or not shape:
            raise IndexCorruptError(f"{self.path} is not a C-ordered array of numbers", hint=_HINT)
        self.shape: tuple[int, ...] = tuple(int(d) for d in shape)
        self.dtype = np.dtype(dtype)
        self._row_shape = self.shape[1:]
        self._row_bytes = int(np.prod(self._row_shape, dtype=np.int64)) * self.dtype.itemsize
        if self._offset + self.shape[0] * self._row_bytes > size:
            raise IndexCorruptError(f"{self.path} is shorter than its header says ({size} bytes)", hint=_HINT)
        self._fd = os.open(self.path, os.O_RDONLY)
        self._closer = weakref.finalize(self, os.close, self._fd)
        if hasattr(os, "posix_fadvise"):
            # Reads are scattered rows: read-ahead would fill the page cache with neighbours nobody asked for.
            os.posix_fadvise(self._fd, 0, 0, os.POSIX_FADV_RANDOM)

    # --- what numpy code asks of an array
    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def nbytes(self) -> int:
        return self.size * self.dtype.itemsize

    def __len__(self) -> int:
        return self.shape[0]

    def __repr__(self) -> str:
        return f"RowFile({str(self.path)!r}, shape={self.shape}, dtype={self.dtype})"

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        whole = self._read_run(0, self.shape[0])
        return whole if dtype is None else whole.astype(dtype, copy=False)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, tuple):
            if not key:
                return np.asarray(self)
            first = self[key[0]]
            rest = key[1:]
            return first[rest] if _is_int(key[0]) else first[(slice(None), *rest)]
        if _is_int(key):
            row = int(key)
            if row < 0:
                row += self.shape[0]
            if not 0 <= row < self.shape[0]:
                raise IndexError(f"row {int(key)} is out of bounds for {self.shape[0]} rows")
            return self._read_run(row, 1)[0]
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            if step == 1:
                return self._read_run(start, max(stop - start, 0))
            return self._gather(np.arange(start, stop, step, dtype=np.int64))
        rows = np.asarray(key)
        if rows.dtype == bool:
            if rows.shape != (self.shape[0],):
                raise IndexError(f"a boolean index of shape {rows.shape} for {self.shape[0]} rows")
            return self._gather(np.flatnonzero(rows))
        if rows.size and rows.dtype.kind not in "iu":
            raise IndexError(f"rows must be integers, not {rows.dtype}")
        return self._gather(rows.astype(np.int64, copy=False))

    # --- reads
    def _gather(self, rows: np.ndarray) -> np.ndarray:
        """`rows` (any shape, any order, repeats allowed) read with one positioned read per run of
        consecutive rows; the result is shaped like `rows` followed by the row shape."""
        flat = rows.reshape(-1)
        if flat.size and (int(flat.min()) < -self.shape[0] or int(flat.max()) >= self.shape[0]):
            raise IndexError(f"a row is out of bounds for {self.shape[0]} rows")
        flat = np.where(flat < 0, flat + self.shape[0], flat)
        ascending_once = flat.size < 2 or bool((flat[1:] > flat[:-1]).all())
        wanted, inverse = (flat, None) if ascending_once else np.unique(flat, return_inverse=True)
        out = np.empty((wanted.size, *self._row_shape), dtype=self.dtype)
        if wanted.size:
            breaks = np.flatnonzero(np.diff(wanted) != 1) + 1
            starts = np.concatenate([[0], breaks]).tolist()
            ends = np.concatenate([breaks, [wanted.size]]).tolist()
            first_rows = wanted[starts].tolist()
            for a, b, row in zip(starts, ends, first_rows):
                self._read_into(out[a:b], row)
        if inverse is not None:
            out = out[inverse.reshape(-1)]
        return out.reshape(*rows.shape, *self._row_shape)

    def _read_run(self, row: int, count: int) -> np.ndarray:
        out = np.empty((count, *self._row_shape), dtype=self.dtype)
        if count:
            self._read_into(out, row)
        return out

    def _read_into(self, out: np.ndarray, row: int) -> None:
        """Fill `out` (contiguous rows) from `row` on; a short read means the file shrank under us."""
        view = memoryview(out).cast("B")
        offset = self._offset + row * self._row_bytes
        done = 0
        while done < len(view):
            got = os.preadv(self._fd, [view[done:]], offset + done)
            if got <= 0:
                raise IndexCorruptError(f"{self.path} ended at byte {offset + done} while reading row {row}",
                                        hint=_HINT)
            done += got


def _is_int(key: Any) -> bool:
    return isinstance(key, (int, np.integer)) and not isinstance(key, bool)


def open_rows(directory: Path, name: str) -> RowFile:
    """The stored array `name` of a generation folder, read by positioned reads."""
    return RowFile(Path(directory) / name)
