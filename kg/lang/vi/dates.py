"""Vietnamese dates, one grammar for every extractor: "5/3/2025", "05-03-2025", "5.3.2025", "ngày 5 tháng 3 năm
2025", and ranges "từ ngày 3 đến 5/3/2025", "ngày 3-5/3/2025". A date is only a date when day, month and year are
all given and exist: kg never completes one."""

from __future__ import annotations

import re
from datetime import date

DATE_NUM = r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)"
DATE_WORDS = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
DATE_RE = re.compile(rf"(?:{DATE_NUM}|{DATE_WORDS})")
"""A full date, numeric or in words; its seven groups end any pattern built on it (see ``date_of``)."""
DATE_RANGE = re.compile(r"(?i:từ\s+)?ngày\s+(\d{1,2})(?:/(\d{1,2}))?\s*(?:đến|-|–)\s*(?:ngày\s+)?"
                        r"(\d{1,2})/(\d{1,2})/(\d{4})")
"""A range of days; ``range_start`` gives its first day."""
DAY_MONTH = re.compile(r"(?i:ngày|sáng|chiều|tối|trưa|hôm)\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?!\s*[/.\-]?\s*\d)")
"""A day and month without a year after a day word ("ngày 5/3", "chiều 10/6"); ``day_month`` dates it."""


def iso_date(day: str, month: str, year: str) -> str | None:
    """``YYYY-MM-DD``, or None when the day does not exist (31/2/2025)."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_of(m: re.Match[str]) -> str | None:
    """ISO date of a match that ends with DATE_RE's groups (numeric or "ngày … tháng … năm …")."""
    g = m.groups()[-7:]
    return iso_date(g[0], g[2], g[3]) if g[0] else iso_date(g[4], g[5], g[6])


def range_start(m: re.Match[str]) -> str | None:
    """ISO date of the first day of a DATE_RANGE match (the month of the end when the start gives none)."""
    return iso_date(m.group(1), m.group(2) or m.group(4), m.group(5))


def day_month(m: re.Match[str], year: str | None) -> str | None:
    """A DAY_MONTH match as ``YYYY-MM-DD`` in ``year`` (the article's), or ``--MM-DD`` without one: a year is
    never guessed."""
    day, month = int(m.group(1)), int(m.group(2))
    if year:
        return iso_date(str(day), str(month), year)
    return f"--{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


MONTH_YEAR = re.compile(r"(?<![\d/.\-])(?:(tháng|Tháng|THÁNG)\s+)?(\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4})"
                        r"(?![\d/.\-])")
"""A month of a year: "tháng 3/2015", "tháng 3 năm 2015", and after a lead word "từ 7/2010"; ``month_year`` dates it."""
YEAR = re.compile(r"(?<!\d)(năm|Năm|NĂM)\s+(\d{4})(?!\d|\s*[/.\-–]\s*\d)")
"""A year: "năm 2015" (not a range "năm 1998-2002"); ``year_of`` dates it."""
DATE_LEADS = frozenset({"từ", "vào", "đến", "tới", "cuối", "đầu", "giữa", "hồi", "trong", "sau", "trước", "tháng"})
"""Words after which a month or a year dates what the clause tells ("từ năm 2013", "cuối năm 2014"); without one a
year dates it only at the start of a clause ("Năm 2010, ông được bầu …"), not "sinh năm 1960" or "Luật … năm 2015"."""


def _lead(text: str, at: int) -> str | None:
    """The word before offset ``at`` (folded), "" at the start of the text or a clause, None for anything else."""
    before = text[:at].rstrip()
    if not before or before[-1] in ",;:(–-":
        return ""
    word = before.rsplit(None, 1)[-1]
    return word.casefold() if word.isalpha() else None


def month_year(m: re.Match[str], text: str) -> str | None:
    """A MONTH_YEAR match of ``text`` as ``YYYY-MM`` where its context makes it a date, else None."""
    month, year = int(m.group(2)), m.group(3)
    if not 1 <= month <= 12:
        return None
    lead = _lead(text, m.start())
    if lead == "sinh" or not m.group(1) and lead not in DATE_LEADS:
        return None  # "sinh tháng 3/1960"; "số 5/2015" is no month
    return f"{year}-{month:02d}"


def year_of(m: re.Match[str], text: str) -> str | None:
    """A YEAR match of ``text`` as ``YYYY`` at the start of a clause or after a lead word, else None."""
    lead = _lead(text, m.start())
    return m.group(2) if lead == "" or lead in DATE_LEADS else None


def partial_dates(text: str) -> list[tuple[int, str]]:
    """The months of a year (``YYYY-MM``) and the years (``YYYY``) ``text`` dates a clause with, as (offset, date)
    in text order: what dates a change when no day is written ("Tháng 6/1990, ông được bầu làm …")."""
    months = [(m.start(), d) for m in MONTH_YEAR.finditer(text) if (d := month_year(m, text))]
    years = [(m.start(), d) for m in YEAR.finditer(text) if (d := year_of(m, text))]
    return sorted(months + years)
