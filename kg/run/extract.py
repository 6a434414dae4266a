"""``kg extract ARTICLES... -o NAME.facts.jsonl[.gz]``: the extract stage alone, its output a facts file.

One JSON line per article (``kg.extract.facts_json``), the facts as extracted, before the link step, so that later
stages (``kg build NAME.facts.jsonl``, cross-article linking) consume them without the language pipeline.
Inputs, ``-j``, ``-q``, ``--max-article-size``, problems and exit codes are those of ``kg build``; lines come in
input order, byte-identical whatever ``-j``; the file is swapped in whole (never replaced by an empty result),
and a ``.gz`` one is deterministic (no name, mtime 0).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.corpus import MAX_ARTICLE_BYTES, InputProblem
from kg.extract.facts_json import SUFFIXES, dumps, is_facts_path
from kg.publish.iris import IRIs
from kg.run.build import (
    STDOUT,
    Done,
    Item,
    Progress,
    Summary,
    _read,
    count_articles,
    digest,
    extracted,
    locked,
    needs_extractor,
    render_all,
    results,
)
from kg.run.job import check_stop


@dataclass
class ExtractSummary(Summary):
    """What ``kg extract`` did: articles, and the facts it wrote (summed over articles: facts as extracted, before
    linking, so more than a graph of them counts)."""

    def lines(self) -> list[str]:
        out = [f"articles {self.articles}, person mentions {self.persons}, posts {self.posts}, "
               f"documents {self.documents}, credits {self.credits}, events {self.events}, "
               f"failures {len(self.failures)}"]
        out += [("error: " if p.fatal else "warning: ") + str(p) for p in self.problems]
        return out


def _extract_one(item: Item) -> Done:
    if isinstance(item, InputProblem):
        return "problem", item
    try:
        facts = extracted(item)
        line = dumps(facts, digest(item))
    except Exception as exc:  # one article's bug must not lose the batch
        return "problem", InputProblem(item.origin, item.line, f"extraction failed: {exc!r}", item.id)
    people = len({p.person.name for p in facts.posts} | {c.person for c in facts.credits})
    return "facts", (line, (people, len(facts.posts), len(facts.documents), len(facts.credits), len(facts.events)))


def _extract_batch(items: list[Item]) -> list[Done]:
    """A worker's task: the facts lines of a batch of articles."""
    return [_extract_one(item) for item in items]


class _Out:
    """The facts file being written: a temporary file beside it (gzipped for ``.gz``), or stdout."""

    def __init__(self, out: Path | None) -> None:
        from kg.publish.writers import atomic_open

        self.path, self.tmp, self.gz = out, "", None
        if out is None:
            self.fh: IO[bytes] = sys.stdout.buffer
            return
        self.raw, self.tmp = atomic_open(out, binary=True)
        self.fh = self.raw
        if out.name.lower().endswith(".gz"):
            self.gz = gzip.GzipFile(filename="", fileobj=self.raw, mode="wb", mtime=0)
            self.fh = self.gz

    def write(self, line: str) -> None:
        self.fh.write(line.encode("utf-8"))

    def commit(self) -> None:
        if self.path is None:
            self.fh.flush()
            return
        if self.gz is not None:
            self.gz.close()
        self.raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self.path is None:
            with contextlib.suppress(OSError):
                self.fh.flush()
            return
        with contextlib.suppress(OSError):
            if self.gz is not None:
                self.gz.close()
        self.raw.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def extract(paths: list[str | Path], out: str | Path, *, jobs: int | None = None, progress: bool = False,
            started: float | None = None, max_article_bytes: int | None = MAX_ARTICLE_BYTES) -> ExtractSummary:
    """Write the facts of the articles in ``paths`` to ``out`` (``NAME.facts.jsonl[.gz]``, or ``"-"``: stdout).

    ValueError for an output that is not a facts file name; the output is written only if an article was read.
    """
    summary = ExtractSummary()
    started = time.monotonic() if started is None else started
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    if str(out) != STDOUT and not is_facts_path(out):
        raise ValueError(f"{out}: a facts file is named NAME{SUFFIXES[0]} or NAME{SUFFIXES[1]} (so that kg build "
                         "reads it as facts), or give -o - for stdout")
    target = None if str(out) == STDOUT else Path(out)
    with contextlib.ExitStack() as stack:
        if target is not None:
            stack.enter_context(locked(target))
        writer = _Out(target)
        meter = Progress(count_articles(paths) if progress else None, sys.stderr if progress else None)
        done = render_all(_read(paths, IRIs(), max_article_bytes), "nt", None, jobs,
                          extract=needs_extractor(paths), task=_extract_batch)
        try:
            _write(done, writer, summary, meter)
            if summary.articles:  # nothing read: the output stays as it was (unchanged, or not written)
                writer.commit()
                summary.written = True
            else:
                writer.abort()
        except BaseException:
            writer.abort()
            done.close()  # type: ignore[attr-defined]
            raise
        finally:
            meter.close()
    summary.seconds = time.monotonic() - started
    return summary


def _write(done: Iterator[Done], writer: _Out, summary: ExtractSummary, meter: Progress) -> None:
    for _kind, value in results(done, summary):
        line, counts = value  # type: ignore[misc]
        writer.write(line)
        summary.articles += 1
        for key, n in zip(("persons", "posts", "documents", "credits", "events"), counts, strict=True):
            setattr(summary, key, getattr(summary, key) + n)
        meter.tick()
    check_stop()


# -- the verb ------------------------------------------------------------------------------------------------

def _run(args: argparse.Namespace) -> int:
    from kg.run.job import finish, run_job

    def job() -> ExtractSummary:
        if args.max_article_size <= 0:
            raise ValueError(f"--max-article-size must be a positive number of bytes, not {args.max_article_size}")
        return extract(args.paths, args.output, jobs=args.jobs, progress=not args.quiet and sys.stderr.isatty(),
                       started=getattr(args, "started", None), max_article_bytes=args.max_article_size)

    summary = run_job("extract", args.output, job, stdout_what="the facts")
    if isinstance(summary, int):
        return summary
    return finish("extract", args.output, summary, stdout_what="the facts", nothing="no article was read")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``kg extract`` to the ``kg`` command."""
    e = sub.add_parser("extract", help="extract facts from articles into a facts file (one JSON line per article)")
    e.add_argument("paths", nargs="+", help=".txt articles, .jsonl/.jsonl.gz files, or folders of them")
    e.add_argument("-o", "--output", required=True,
                   help=f"the facts file: NAME{SUFFIXES[0]} or NAME{SUFFIXES[1]} (- for stdout)")
    e.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: all cores)")
    e.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    e.add_argument("--max-article-size", type=int, metavar="BYTES", default=MAX_ARTICLE_BYTES,
                   help=f"skip (and report) an article whose text is larger (default {MAX_ARTICLE_BYTES}: 1 MB)")
    e.set_defaults(func=_run)


__all__ = ["ExtractSummary", "extract", "register"]
