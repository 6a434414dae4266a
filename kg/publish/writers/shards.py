"""Shards: gzipped N-Triples parts of N articles each plus ``manifest.json``, for bulk loaders (QLever,
Virtuoso, Oxigraph); the folder is swapped in whole, so it always holds exactly one build's parts."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gzip
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.publish.writers import ntriples
from kg.publish.writers.blocks import end_line
from kg.publish.writers.registry import Format, register

FORMAT = register(Format("shards", (), "application/n-triples", ox.RdfFormat.N_TRIPLES, ntriples.body))

_PART = re.compile(r"part-\d+\.nt\.gz")
_OWN_TEMP = re.compile(r"\.(part-\d+\.nt\.gz|manifest\.json)\..*\.tmp")  # what older kg versions left behind


class ShardWriter:
    """Gzipped N-Triples shards of ``size`` articles each, plus ``manifest.json``, swapped in as one folder.

    The parts and the manifest are written into a fresh hidden sibling folder (``.NAME.kg-new-…``); ``commit``
    swaps it with the target in one atomic rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames,
    the old folder set aside first) and deletes the old set. So ``DIR/part-*.nt.gz`` always holds exactly the
    manifest's articles: a kill, a full disk or an error leaves the old set, never a mix, and no stale parts
    of an earlier, bigger build. A folder that is not a kg shard folder (files other than ``manifest.json`` and
    ``part-*.nt.gz``) is refused, so kg never deletes anything it did not write.
    """

    def __init__(self, directory: Path, size: int) -> None:
        self.dir = Path(os.path.realpath(directory))  # a symlinked folder is swapped where it really is
        self.size = max(1, size)
        check_shard_folder(self.dir)
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        _sweep(self.dir)
        self.work = Path(tempfile.mkdtemp(prefix=f".{self.dir.name}.kg-new-{os.getpid()}-", dir=self.dir.parent))
        os.chmod(self.work, _folder_mode(self.dir))
        self.shards: list[dict[str, object]] = []
        self._open: tuple[gzip.GzipFile, IO[bytes], Path] | None = None
        self._count = 0
        self._triples = 0

    def write(self, block: str) -> None:
        if self._open is None:
            path = self.work / f"part-{len(self.shards):05d}.nt.gz"
            raw = open(path, "xb")  # noqa: SIM115 (closed in _close_shard)
            self._open = (gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0), raw, path)
        self._open[0].write(block.encode("utf-8"))
        self._count += 1
        # one triple a line: every line break inside a term is escaped (see BlockRenderer)
        self._triples += sum(1 for line in block.split("\n") if line and not line.startswith("#"))
        if self._count >= self.size:
            self._close_shard()

    def _close_shard(self) -> None:
        if self._open is None:
            return
        gz, raw, path = self._open
        self._open = None
        gz.write(end_line(self._count).encode("utf-8"))  # each part is a whole kg graph file
        gz.close()
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
        self.shards.append({"file": path.name, "articles": self._count, "triples": self._triples})
        self._count, self._triples = 0, 0

    def commit(self) -> None:
        """Write the manifest and swap the new set in; the old set is deleted once the new one is in place."""
        try:
            self._close_shard()
            manifest = {"format": "application/n-triples", "compression": "gzip", "shards": self.shards,
                        "articles": sum(int(s["articles"]) for s in self.shards),
                        "triples": sum(int(s["triples"]) for s in self.shards)}
            with open(self.work / "manifest.json", "x", encoding="utf-8", newline="\n") as fh:
                fh.write(json.dumps(manifest, indent=1) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(self.work)
            check_shard_folder(self.dir)  # still kg's (or gone) now that we are about to replace it
            if self.dir.exists():
                old = _swap(self.work, self.dir)
            else:
                os.rename(self.work, self.dir)
                old = None
            _fsync_dir(self.dir.parent)
        except BaseException:
            self.abort()
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the new set; the old one was never touched."""
        if self._open is not None:
            gz, raw, _ = self._open
            self._open = None
            with contextlib.suppress(OSError):  # a full disk may fail the last flush too
                gz.close()
            raw.close()
        shutil.rmtree(self.work, ignore_errors=True)


def check_shard_folder(folder: Path) -> None:
    """Refuse (ValueError) a shard target that exists and is not a kg shard folder: a file, or a folder holding
    anything but ``manifest.json`` and ``part-*.nt.gz`` (an empty folder is fine)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder: cannot write shards there")
    names = sorted(p.name for p in folder.iterdir())
    if not names:
        return
    if "manifest.json" not in names:
        raise ValueError(f"{folder} is not a kg shard folder (no manifest.json): refusing to replace it; "
                         "give an empty or new folder")
    foreign = [n for n in names if n != "manifest.json" and not _PART.fullmatch(n) and not _OWN_TEMP.fullmatch(n)]
    if foreign:
        raise ValueError(f"{folder} holds files kg did not write ({', '.join(foreign[:5])}): refusing to replace "
                         "it; move them away or give another folder")


def _folder_mode(target: Path) -> int:
    """The mode the new folder gets: the old folder's, or what ``mkdir`` would give under the umask."""
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _sweep(target: Path) -> None:
    """Remove what killed runs into ``target`` left beside it; a folder set aside (``kg-old``) when the target is
    missing is a swap that was cut short between its two renames: put it back."""
    for stale in sorted(target.parent.glob(f".{_glob_escape(target.name)}.kg-*-*")):
        kind, _, rest = stale.name[len(target.name) + 5 :].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("new", "old") or not pid.isdigit() or not stale.is_dir() or _alive(int(pid)):
            continue
        if kind == "old" and not target.exists() and (stale / "manifest.json").exists():
            os.rename(stale, target)
        else:
            shutil.rmtree(stale, ignore_errors=True)


def _glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier run with our pid: not in use by this writer
    if os.name != "posix":
        return True  # no harmless probe (os.kill there stops the process): leave the folder alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(new: Path, target: Path) -> Path:
    """Put ``new`` where ``target`` is; return where the old folder now is (to delete)."""
    if _exchange(new, target):
        return new
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.kg-old-{os.getpid()}-", dir=target.parent))
    os.rmdir(aside)
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    return aside


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
