"""A linked build: map (extract, link within the article) → reduce (link across articles) → map (publish).

The first map turns each article into its facts line (``kg.extract.facts_json``, as ``kg extract`` writes it)
and the profiles cross-article linking needs; the parent spools the lines, in input order, to a temporary file
and keeps only the profiles. The reduce (``kg.link.across.link``) decides the name groups; the second map
publishes each article from its line with its share of the decisions. Memory is bounded by the profiles (a few
small values per person mention), not by the corpus.

An output kg can update (``--into``) keeps a facts file beside it (``state_path``: ``.NAME.facts.jsonl.gz``), so
that an update re-links the name groups it touches over every article the output holds, and re-publishes the
articles already there whose persons that changes: a graph built in two steps equals the graph built at once.
"""

from __future__ import annotations

import gzip
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kg.corpus import Article, InputProblem
from kg.extract.facts_json import FactsLine, dumps, parse_line
from kg.link import resolve_article
from kg.link.across import Contexts, Identities, Linkable, by_article, decided_facts, link, mentions
from kg.link.curation import Curation
from kg.link.tenures import Attestation, closure
from kg.publish.block import marker_id, publish
from kg.run.build import _WORKER, Done, Item, Progress, census, digest, extracted, failed, render_all
from kg.run.job import check_stop

Decided = dict[str, Identities]  # article id → its persons' identities


def _contexts() -> Contexts:
    """The worker's linking knowledge (contexts, bodies, documents), made once."""
    contexts = _WORKER.get("contexts")
    if contexts is None:
        from kg.knowledge import default_knowledge

        contexts = _WORKER["contexts"] = Contexts(default_knowledge())
    return contexts  # type: ignore[return-value]


def _profiles_of(facts) -> list[Linkable]:  # noqa: ANN001 - ArticleFacts, linked within the article
    return mentions(facts, _contexts())


def _first(item: Article | FactsLine) -> Done:
    """The first map: ("line", (article id, facts line, profiles)) or a problem."""
    try:
        facts = extracted(item)
        line = dumps(facts, digest(item))  # the facts as extracted: the link step runs again in the second map
        profs = _profiles_of(resolve_article(facts))
    except Exception as exc:  # one article's bug must not lose the batch
        return failed(item, exc)
    return "line", (item.id, line, profs)


def _first_batch(items: list[Item]) -> list[Done]:
    return [("problem", item) if isinstance(item, InputProblem) else _first(item) for item in items]


def _held_batch(lines: list[bytes]) -> list[Done]:
    """Profiles of the facts lines an output already holds (its state)."""
    out: list[Done] = []
    for raw in lines:
        facts, _dig = parse_line(raw)
        out.append(("line", (facts.article_id, "", _profiles_of(resolve_article(facts)))))
    return out


def _second_batch(items: list) -> list[Done]:  # InputProblem | (kind, raw facts line, identities)
    """The second map: a facts line and its persons' identities → the article's block."""
    out: list[Done] = []
    builder, fmt, header = _WORKER["builder"], str(_WORKER["fmt"]), str(_WORKER["header"])
    for item in items:
        if isinstance(item, InputProblem):
            out.append(("problem", item))
            continue
        kind, raw, identities = item
        facts, dig = parse_line(raw)
        facts = resolve_article(facts)
        facts.identities = identities
        facts = decided_facts(facts, _contexts())
        block = publish(facts, dig, builder, fmt)
        out.append((kind, (marker_id(facts.article_id), dig, block, census(block, fmt, header))))
    return out


# -- the facts file beside an output ---------------------------------------------------------------------------

def state_path(out: Path) -> Path:
    """The facts file kept beside an output (beside a store folder too): hidden, like its lock."""
    return out.with_name(f".{out.name}.facts.jsonl.gz")


_HEAD = re.compile(rb'^\{"schema_version":\d+,"article":\{"id":("(?:[^"\\]|\\.)*"),"digest":"([0-9a-f]*)"')


def held_lines(out: Path, wanted: dict[str, str], key: Callable[[str], str] = marker_id) -> Iterator[tuple[str, bytes]]:
    """(article id, raw line) of the state beside ``out`` whose article the output holds with that digest
    (``wanted``: ``key(article id)`` → digest of the output's article); the rest (stale, damaged) is skipped."""
    import json

    path = state_path(out)
    if not path.exists():
        return
    with gzip.open(path, "rb") as fh:
        for raw in fh:
            m = _HEAD.match(raw)
            if not m:
                continue
            aid = json.loads(m.group(1))
            if wanted.get(key(aid)) == m.group(2).decode("ascii"):
                yield aid, raw.rstrip(b"\n")


class StateWriter:
    """Writes the facts file beside an output, swapped in only on ``commit`` (deterministic gzip: no name, no
    mtime), so that a failed or stopped build leaves the old one."""

    def __init__(self, out: Path) -> None:
        from kg.publish.writers import atomic_open

        self.path = state_path(out)
        self._raw, self.tmp = atomic_open(self.path, binary=True)  # the output's mode, not mkstemp's 0600
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=1, mtime=0)

    def write(self, raw: bytes) -> None:
        self._gz.write(raw.rstrip(b"\n") + b"\n")

    def commit(self) -> None:
        self._gz.close()
        self._raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._gz.close()
            self._raw.close()
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


# -- the whole: map, reduce, map ---------------------------------------------------------------------------------

@dataclass
class Held:
    """An output being updated: where it is, and which articles it holds (marker id → digest)."""

    out: Path
    digests: dict[str, str] = field(default_factory=dict)  # key(article id) → digest
    replaced: set[str] = field(default_factory=set)  # article ids the update brings again (changed)
    key: Callable[[str], str] = marker_id  # how the output names an article: its block marker, or its IRI

    def lines(self) -> Iterator[tuple[str, bytes]]:
        return held_lines(self.out, self.digests, self.key)


@dataclass
class Linked:
    """What ``linked_blocks`` did besides the blocks."""

    relinked: int = 0  # articles already in the output re-published because linking changed their persons
    unlinked: int = 0  # articles the output holds without a facts line beside it (an older kg): not re-linked


def linked_blocks(items: Iterable[Item], fmt: str, base: str | None, jobs: int, *, extract: bool = True,
                  meter: Progress | None = None, curation: Curation | None = None, held: Held | None = None,
                  state: StateWriter | None = None, linked: Linked | None = None) -> Iterator[Done]:
    """Blocks ("block") and problems of ``items`` in input order, persons linked across them and the articles
    ``held`` by the output being updated; then the blocks ("relinked") of held articles whose persons changed.
    ``state``: where the facts lines of the result go (the held ones kept, then the fresh ones)."""
    linked = linked if linked is not None else Linked()
    with tempfile.TemporaryFile(prefix="kg-facts-") as spool:
        order: list[str | InputProblem] = []
        fresh: list[Linkable] = []
        for kind, value in render_all(items, fmt, base, jobs, extract=extract, task=_first_batch):
            check_stop()
            if kind == "line":
                aid, line, profs = value  # type: ignore[misc]
                fresh.extend(profs)
                order.append(aid)
                spool.write(line.encode("utf-8"))  # a facts line ends in its newline
                if meter is not None:
                    meter.tick()
            else:
                order.append(value)  # type: ignore[arg-type]
        kept, old = _held_profiles(held, base, jobs, linked)
        touched = closure({p.group for p in fresh} | {p.group for p in old},
                          (a for a in (*kept, *fresh, *old) if isinstance(a, Attestation)))
        now = by_article(link((p for p in (*kept, *fresh) if p.group in touched), curation))
        relink: Decided = {}
        if kept:
            before = by_article(link((p for p in (*kept, *old) if p.group in touched), curation))
            for aid in sorted({p.article for p in kept if p.group in touched}):
                if now.get(aid, {}) != before.get(aid, {}):
                    relink[aid] = now.get(aid, {})
        others = closure({p.group for p in kept if p.article in relink} - touched,
                         (a for a in kept if isinstance(a, Attestation))) - touched
        if others:  # a re-published article names persons of untouched groups too: their decisions, as they were
            more = by_article(link((p for p in kept if p.group in others), curation))
            relink = {aid: {**more.get(aid, {}), **ids} for aid, ids in relink.items()}
        linked.relinked = len(relink)
        del kept, old, fresh
        check_stop()
        yield from render_all(_second(order, spool, now, held, relink, state), fmt, base, jobs, extract=False,
                              task=_second_batch)


def _second(order: list[str | InputProblem], spool: IO[bytes], now: Decided, held: Held | None, relink: Decided,
            state: StateWriter | None) -> Iterator:
    """The second map's items: the fresh facts lines with their decisions, in order, then the held articles to
    re-publish. One pass over the held lines also copies those kept into ``state``, then the fresh ones follow
    (the facts of the result: held and kept in their order, then fresh)."""
    spool.seek(0)
    for entry in order:
        if isinstance(entry, InputProblem):
            yield entry
        else:
            yield "block", spool.readline(), now.get(entry, {})
    if held is not None and (relink or state is not None):
        for aid, raw in held.lines():
            if state is not None and aid not in held.replaced:
                state.write(raw)
            if aid in relink:
                yield "relinked", raw, relink[aid]
    if state is not None:
        spool.seek(0)
        for raw in spool:
            state.write(raw)


def _held_profiles(held: Held | None, base: str | None, jobs: int,
                   linked: Linked) -> tuple[list[Linkable], list[Linkable]]:
    """Profiles of the articles the output holds: those kept, and the old versions of those replaced."""
    if held is None or not held.digests:
        return [], []
    kept: list[Linkable] = []
    old: list[Linkable] = []
    seen = 0
    for kind, value in render_all((raw for _aid, raw in held.lines()), "nt", base, jobs, extract=False,
                                  task=_held_batch):
        check_stop()
        if kind == "line":
            seen += 1
            aid, _line, profs = value  # type: ignore[misc]
            (old if aid in held.replaced else kept).extend(profs)
    linked.unlinked = len(held.digests) - seen
    return kept, old


__all__ = ["Held", "Linked", "StateWriter", "held_lines", "linked_blocks", "state_path"]
