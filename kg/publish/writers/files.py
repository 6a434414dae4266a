"""Writing files safely: a temporary file beside the target, renamed over it only when complete (never a
half-written output), with the mode a plain write would give; leftovers of killed runs swept under the lock."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO

from kg.publish.writers.blocks import end_line, prefix_header
from kg.publish.writers.registry import get


def _mode_for(path: Path) -> int:
    """The mode a plain write would give ``path``: an existing file's own, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_open(path: Path, binary: bool = False) -> tuple[IO, str]:
    """A temporary file beside ``path`` (``.NAME.XXXXXXXX.tmp``); ``commit`` renames it over ``path``.

    It gets the mode ``path`` has, or the umask's for a new file (not mkstemp's 0600), so the output reads as
    if written in place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    return (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")), tmp


def sweep_temps(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` that killed runs (SIGKILL, power loss) left beside it.

    Call it only while holding ``path``'s lock (``kg.run.build.locked``), so that no live run's file is taken.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    gone = []
    with os.scandir(path.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                gone.append(Path(entry.path))
    return gone


def write_atomic(data: bytes, path: str | Path) -> None:
    """Write to a temporary file beside ``path`` and rename it over: never a half-written output."""
    fh, tmp = atomic_open(Path(path), binary=True)
    try:
        with fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class FileWriter:
    """Writes blocks in order to a temporary file and swaps it in on ``commit``; ``path`` None: to stdout."""

    def __init__(self, path: Path | None, fmt: str, prefixes: dict[str, str]) -> None:
        self.path, self.fmt = (None if path is None else Path(path)), fmt
        self.out: IO[bytes] | None = None
        if self.path is None:  # streamed as it comes (UTF-8 whatever the locale): nothing to swap in
            self.out, self.tmp = sys.stdout.buffer, ""
        else:
            self.fh, self.tmp = atomic_open(self.path)
        self.blocks = 0  # article blocks written: the closing line counts them
        if get(fmt).header:
            self._put(prefix_header(prefixes))

    def write(self, block: str) -> None:
        """One article's block (from ``render_block``)."""
        self.blocks += 1
        self._put(block)

    def _put(self, text: str) -> None:
        if self.out is not None:
            self.out.write(text.encode("utf-8"))
        else:
            self.fh.write(text)

    def commit(self) -> None:
        """Close the file with its closing line (a streamed format) and swap it in."""
        if get(self.fmt).streamed:
            self._put(end_line(self.blocks))
        if self.out is not None:
            self.out.flush()
            return
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.out is not None:
            with contextlib.suppress(OSError):  # a closed pipe: nothing more can be said to it
                self.out.flush()
            return
        self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)
