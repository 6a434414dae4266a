"""Gantt-style charts of tenures: a person's career (one row per post) or a body's succession (one row per post,
one bar per holder).

``.html`` and ``.svg`` are written by hand (an inline SVG, no script, nothing fetched when opened); ``.png`` is
drawn with matplotlib when it is installed (``pip install matplotlib``). A bar runs from the tenure's start (else
its first attestation) to its end (else the day a later article calls it former, else its last attestation); a
tenure not known to have ended runs to the chart's last date, drawn open (an arrow). Dates from personnel
changes are drawn solid, spans known only from attestations lighter. A tenure without any date is left out.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.network.careers import Career, Tenure

if TYPE_CHECKING:
    from matplotlib.axes import Axes

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
           "#bcbd22")
CHART_SUFFIXES = (".png", ".html", ".svg")
_INSIDE = 0.12  # a holder's name is written inside a bar at least this share of the chart wide, else before it


@dataclass(frozen=True)
class Bar:
    """One tenure on a chart."""

    row: str  # the row it is drawn in (a post)
    label: str  # written on the bar (the post's holder, or nothing)
    group: str  # bars of one group share a colour (a person)
    start: _dt.date
    end: _dt.date
    dated: bool  # the start or the end comes from a personnel change
    open: bool  # not known to have ended: runs to the chart's last date
    note: str  # a tooltip: the dates as the graph gives them


def _day(text: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(text) if text else None


def _bar(t: Tenure, row: str, label: str, group: str) -> Bar | None:
    start = _day(t.since) or _day(t.end) or _day(t.ended_before)
    if start is None:
        return None
    until = _day(t.end) or _day(t.ended_before) or _day(t.last_seen) or start
    note = "; ".join(f"{k} {v}" for k, v in (("start", t.start), ("end", t.end), ("ended before", t.ended_before),
                                              ("first seen", t.first_seen), ("last seen", t.last_seen)) if v)
    return Bar(row, label, group, start, max(start, until), bool(t.start or t.end), not t.ended,
               f"{t.name}: {t.post} ({note}; {t.evidence} articles)")


def timeline_bars(careers: Iterable[Career]) -> list[Bar]:
    """One bar per tenure of each career, a row per post (the person's name first when there are several)."""
    careers = list(careers)
    several = len(careers) > 1
    out = []
    for c in careers:
        for t in c.tenures:
            row = f"{c.name}: {t.post}" if several else t.post
            if (b := _bar(t, row, "", c.person)) is not None:
                out.append(b)
    return out


def succession_bars(tenures: Iterable[Tenure]) -> list[Bar]:
    """One bar per tenure, a row per post, labelled with its holder: who followed whom."""
    return [b for t in tenures if (b := _bar(t, t.post, t.name, t.person)) is not None]


def _span(bars: Sequence[Bar]) -> tuple[_dt.date, _dt.date]:
    lo = min(b.start for b in bars)
    hi = max(b.end for b in bars)
    pad = max((hi - lo).days // 20, 15)
    return lo - _dt.timedelta(days=pad), hi + _dt.timedelta(days=pad)


def _open_end(lo: _dt.date, hi: _dt.date) -> _dt.date:
    """Where an open bar stops: a little before the chart's right edge, so its arrow shows."""
    return hi - _dt.timedelta(days=max((hi - lo).days // 40, 1))


def _ticks(lo: _dt.date, hi: _dt.date) -> list[_dt.date]:
    """First days of months (every 1, 3, 6 or 12, at most about a dozen) between ``lo`` and ``hi``."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = next((s for s in (1, 3, 6, 12) if months / s <= 12), 12 * max(1, months // 120))
    out, y, m = [], lo.year, lo.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        d = _dt.date(y, m, 1)
        if d > hi:
            return out
        if (y * 12 + m - 1) % step == 0:
            out.append(d)


def _rows(bars: Sequence[Bar]) -> list[str]:
    rows: list[str] = []
    for b in sorted(bars, key=lambda b: (b.start, b.row)):
        if b.row not in rows:
            rows.append(b.row)
    return rows


def _colours(bars: Sequence[Bar]) -> dict[str, str]:
    groups: list[str] = []
    for b in sorted(bars, key=lambda b: (b.start, b.group)):
        if b.group not in groups:
            groups.append(b.group)
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}


def svg(bars: Sequence[Bar], title: str = "") -> str:
    """The chart as an SVG document (text only: no script, no external reference)."""
    if not bars:
        raise ValueError("nothing to draw: no tenure has a date")
    lo, hi = _span(bars)
    rows, colours = _rows(bars), _colours(bars)
    left = min(12 + 7 * max(len(r) for r in rows), 460)
    width, row_h, top = left + 640, 28, 44
    height = top + row_h * len(rows) + 36
    days = max((hi - lo).days, 1)

    def x(d: _dt.date) -> float:
        return round(left + (d - lo).days / days * (width - left - 20), 1)

    e = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{e(title)}</text>']
    for d in _ticks(lo, hi):
        out.append(f'<line x1="{x(d)}" y1="{top - 8}" x2="{x(d)}" y2="{height - 30}" stroke="#ddd"/>'
                   f'<text x="{x(d)}" y="{height - 14}" text-anchor="middle" fill="#555">{d:%Y-%m}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{e(r)}</text>')
    for b in bars:
        y = top + rows.index(b.row) * row_h + 5
        x0, x1 = x(b.start), x(_open_end(lo, hi) if b.open else b.end)
        w = max(x1 - x0, 4)
        out.append(f'<g><title>{e(b.note)}</title><rect x="{x0}" y="{y}" width="{w}" height="{row_h - 10}" '
                   f'rx="3" fill="{colours[b.group]}" fill-opacity="{1 if b.dated else 0.5}"/>')
        if b.open:
            out.append(f'<path d="M{x0 + w} {y - 2} l8 {(row_h - 6) / 2} l-8 {(row_h - 6) / 2} z" '
                       f'fill="{colours[b.group]}"/>')
        if b.label and w >= (width - left - 20) * _INSIDE:
            out.append(f'<text x="{x0 + 4}" y="{y + 13}" fill="#fff" font-size="11">{e(b.label)}</text>')
        elif b.label:  # a short bar: the name before it
            out.append(f'<text x="{x0 - 4}" y="{y + 13}" text-anchor="end" fill="#333" font-size="11">'
                       f'{e(b.label)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def page(bars: Sequence[Bar], title: str = "") -> str:
    """A self-contained HTML page holding the chart (an inline SVG) and its legend."""
    e = html.escape
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title></head>\n<body style=\"font-family: sans-serif\">\n{svg(bars, title)}"
            "<p style=\"color:#555; font-size: 12px\">Solid: dated by a personnel change; light: known from the "
            "dates of articles that state the post; an arrow: not known to have ended. Hover a bar for its "
            "dates.</p>\n</body></html>\n")


def draw(ax: Axes, bars: Sequence[Bar], title: str = "") -> Axes:
    """Draw the chart on a matplotlib Axes (notebooks: ``fig, ax = plt.subplots(); draw(ax, bars)``)."""
    import matplotlib.dates as mdates

    if not bars:
        raise ValueError("nothing to draw: no tenure has a date")
    lo, hi = _span(bars)
    rows, colours = _rows(bars), _colours(bars)
    for b in bars:
        y = len(rows) - 1 - rows.index(b.row)
        end = _open_end(lo, hi) if b.open else b.end
        length = max((end - b.start).days, max((hi - lo).days // 200, 1))
        ax.barh(y, length, left=mdates.date2num(b.start), height=0.6, color=colours[b.group],
                alpha=1 if b.dated else 0.5)
        if b.open:
            ax.plot(mdates.date2num(b.start) + length, y, ">", color=colours[b.group])
        if b.label and length >= (hi - lo).days * _INSIDE:
            ax.text(mdates.date2num(b.start) + 2, y, b.label, va="center", fontsize=8, color="white")
        elif b.label:  # a short bar: the name before it
            ax.text(mdates.date2num(b.start) - 2, y, b.label, va="center", ha="right", fontsize=8, color="#333")
    ax.set_yticks(range(len(rows)), list(reversed(rows)))
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    ax.set_xticks([mdates.date2num(d) for d in _ticks(lo, hi)])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_title(title)
    ax.grid(axis="x", color="#ddd")
    ax.set_axisbelow(True)
    return ax


def check_path(path: str | Path) -> None:
    """ValueError unless ``path`` names a chart kg writes (.png .html .svg)."""
    if Path(path).suffix.lower() not in CHART_SUFFIXES:
        raise ValueError(f"{path}: a chart is written as {', '.join(CHART_SUFFIXES)}")


def write(bars: Sequence[Bar], path: str | Path, title: str = "") -> None:
    """Write the chart: .html (a page with an inline SVG), .svg, or .png (matplotlib)."""
    check_path(path)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".png":
        try:
            from matplotlib.figure import Figure
        except ModuleNotFoundError:
            raise ValueError(f"{path}: a .png chart needs matplotlib (pip install matplotlib); "
                             ".html and .svg need nothing") from None
        if not bars:
            raise ValueError("nothing to draw: no tenure has a date")
        fig: Any = Figure(figsize=(11, 1.2 + 0.45 * len(_rows(bars))), layout="constrained")
        draw(fig.add_subplot(), bars, title)
        fig.savefig(path, dpi=110)
        return
    text = page(bars, title) if suffix == ".html" else svg(bars, title)
    path.write_text(text, encoding="utf-8")


__all__ = ["Bar", "CHART_SUFFIXES", "check_path", "draw", "page", "succession_bars", "svg", "timeline_bars", "write"]
