"""A linked build: map (extract, link within the article) → reduce (link across articles) → map (publish).

The first map turns each article into its facts line (``kg.extract.facts_json``, as ``kg extract`` writes it)
and the profiles cross-article linking needs; the parent spools the lines, in input order, to a facts file and
keeps only the profiles. The reduce (``kg.link.across.link``) decides every name group; the second map publishes
each article from its line with its share of the decisions. Memory is bounded by the profiles (a few small values
per person mention), not by the corpus.

An output kg can update (``--into``) keeps that facts file beside it (``LinkState``: ``.NAME.facts.jsonl.gz``),
so that an update re-links the name groups it touches over every article of the output and re-publishes the
articles already there whose persons it changes: a graph built in two steps equals the graph built at once.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus import Article, InputProblem
from kg.extract.facts_json import FactsError, FactsLine, dumps, parse_line, read_lines
from kg.link import resolve_article
from kg.link.across import Curation, Identities, Profile, by_article, link
from kg.publish.block import marker_id, publish
from kg.run.build import _WORKER, Done, Item, Progress, census, digest, extracted, render_all
from kg.run.job import check_stop

Decided = dict[str, Identities]  # article id → its persons' identities


def _contexts():  # noqa: ANN202 - kg.link.across.Contexts of this worker, built once
    contexts = _WORKER.get("contexts")
    if contexts is None:
        from kg.knowledge import default_knowledge
        from kg.link.across import Contexts

        contexts = _WORKER["contexts"] = Contexts(default_knowledge())
    return contexts


def _profiles_of(facts) -> list[Profile]:  # noqa: ANN001 - ArticleFacts, linked within the article
    from kg.link.across import profiles

    return profiles(facts, _contexts())


def _first(item: Article | FactsLine) -> Done:
    """The first map: ("line", (article id, digest, facts line, profiles)) or a problem."""
    try:
        facts = extracted(item)
        dig = digest(item)
        line = dumps(facts, dig)  # the facts as extracted: the link step runs again in the second map
        profs = _profiles_of(resolve_article(facts))
    except Exception as exc:  # one article's bug must not lose the batch
        stage = "linking" if isinstance(item, FactsLine) else "extraction"
        return "problem", InputProblem(item.origin, item.line, f"{stage} failed: {exc!r}", item.id)
    return "line", (item.id, dig, line, profs)


def _first_batch(items: list[Item]) -> list[Done]:
    return [("problem", item) if isinstance(item, InputProblem) else _first(item) for item in items]


def _kept_batch(lines: list[str]) -> list[Done]:
    """Profiles of facts lines already in an output (its ``LinkState``)."""
    out: list[Done] = []
    for raw in lines:
        facts, dig = parse_line(raw.encode("utf-8"))
        out.append(("line", (facts.article_id, dig, raw, _profiles_of(resolve_article(facts)))))
    return out


def _second_batch(items: list) -> list[Done]:  # InputProblem | (facts line, identities)
    """The second map: a facts line and its persons' identities → the article's block."""
    out: list[Done] = []
    builder, fmt, header = _WORKER["builder"], str(_WORKER["fmt"]), str(_WORKER["header"])
    for item in items:
        if isinstance(item, InputProblem):
            out.append(("problem", item))
            continue
        raw, identities = item
        facts, dig = parse_line(raw.encode("utf-8"))
        facts = resolve_article(facts)
        facts.identities = identities
        block = publish(facts, dig, builder, fmt)
        out.append(("block", (marker_id(facts.article_id), dig, block, census(block, fmt, header))))
    return out


# -- the facts file beside an output ---------------------------------------------------------------------------

def state_path(out: Path) -> Path:
    """The facts file kept beside an output (a store folder too): hidden, like its lock."""
    return out.with_name(f".{out.name}.facts.jsonl.gz")


@dataclass
class LinkState:
    """The facts lines of the articles an output holds, by article id (digest, raw line), in output order."""

    lines: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, out: Path) -> LinkState:
        state = cls()
        path = state_path(out)
        if not path.exists():
            return state
        try:
            for n, raw in read_lines(path):
                try:
                    facts, dig = parse_line(raw)
                except FactsError as exc:
                    state.problems.append(f"{path}:{n}: {exc}")
                    continue
                state.lines[facts.article_id] = (dig, raw.decode("utf-8").rstrip("\n"))
        except (OSError, EOFError) as exc:
            state.problems.append(f"{path}: {exc}")
        return state


class StateWriter:
    """Writes an output's facts file beside it, swapped in only on ``commit`` (deterministic gzip: no name, no
    mtime), so that a failed or stopped build leaves the old one."""

    def __init__(self, out: Path) -> None:
        self.path = state_path(out)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._raw = os.fdopen(fd, "wb")
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=1, mtime=0)

    def write(self, line: str) -> None:
        self._gz.write(line.encode("utf-8") + b"\n")

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
class Linked:
    """What ``linked_blocks`` did besides the blocks: the facts lines of the output, in order (for its state),
    and which articles already in the output were re-published because linking changed their persons."""

    lines: list[tuple[str, str]] = field(default_factory=list)  # (article id, facts line) of the fresh articles
    relinked: set[str] = field(default_factory=set)


def linked_blocks(items: Iterable[Item], fmt: str, base: str | None, jobs: int, *, extract: bool = True,
                  meter: Progress | None = None, curation: Curation | None = None,
                  state: LinkState | None = None, replaced: Iterable[str] = (),
                  linked: Linked | None = None) -> Iterator[Done]:
    """Rendered blocks (and problems) of ``items`` in input order, persons linked across them and the articles of
    ``state`` (an output being updated), then the blocks of the articles of ``state`` whose persons changed.

    ``replaced``: the ids of ``state`` that ``items`` bring again (changed articles): their old facts count for
    the old decisions only. ``linked`` collects the fresh facts lines and the re-published ids."""
    linked = linked if linked is not None else Linked()
    replaced = set(replaced)
    with tempfile.TemporaryFile(prefix="kg-facts-") as spool:
        fresh: list[Profile] = []
        for kind, value in render_all(items, fmt, base, jobs, extract=extract, task=_first_batch):
            check_stop()
            if kind == "line":
                aid, _dig, line, profs = value  # type: ignore[misc]
                fresh.extend(profs)
                linked.lines.append((aid, line))
                spool.write(line.encode("utf-8") + b"\n")
                if meter is not None:
                    meter.tick()
            else:
                spool.write(b"\x00" + repr(value.__dict__).encode("utf-8") + b"\n")  # a problem, in its place
                linked.lines.append(("", ""))
                problems = linked.__dict__.setdefault("_problems", [])
                problems.append(value)
        kept_old, old_replaced = _state_profiles(state, replaced, base, jobs)
        touched = {p.group for p in fresh} | {p.group for p in old_replaced}
        now = by_article(link((p for p in (*kept_old, *fresh) if p.group in touched), curation))
        relink: dict[str, Identities] = {}
        if state is not None and state.lines:
            before = by_article(link((p for p in (*kept_old, *old_replaced) if p.group in touched), curation))
            for aid in sorted({p.article for p in kept_old if p.group in touched}):
                if now.get(aid, {}) != before.get(aid, {}):
                    relink[aid] = now.get(aid, {})
        linked.relinked = set(relink)
        check_stop()

        def second() -> Iterator:
            problems = iter(linked.__dict__.get("_problems", []))
            for aid, line in linked.lines:
                yield next(problems) if not aid else (line, _identities(now, aid, line))
            for aid in sorted(relink):
                yield state.lines[aid][1], relink[aid]  # type: ignore[union-attr]

        yield from render_all(second(), fmt, base, jobs, extract=False, task=_second_batch)


def _identities(decided: Decided, aid: str, _line: str) -> Identities:
    return decided.get(aid, {})


def _state_profiles(state: LinkState | None, replaced: set[str], base: str | None,
                    jobs: int) -> tuple[list[Profile], list[Profile]]:
    """Profiles of the articles already in an output: those kept, and the old versions of those replaced."""
    if state is None or not state.lines:
        return [], []
    kept: list[Profile] = []
    old: list[Profile] = []
    lines = [raw for _dig, raw in state.lines.values()]
    for kind, value in render_all(_chunks(lines), "nt", base, jobs, extract=False, task=_kept_lines):
        check_stop()
        if kind == "line":
            aid, _dig, _raw, profs = value  # type: ignore[misc]
            (old if aid in replaced else kept).extend(profs)
    return kept, old


def _chunks(lines: list[str]) -> Iterator[str]:
    yield from lines


def _kept_lines(lines: list[str]) -> list[Done]:
    return _kept_batch(lines)


__all__ = ["LinkState", "Linked", "StateWriter", "linked_blocks", "state_path"]
