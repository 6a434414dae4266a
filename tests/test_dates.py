"""Vietnamese dates (kg.lang.vi.dates): the one grammar documents and events share; each case is an example."""

from __future__ import annotations

import pytest

from kg.lang.vi.dates import DATE_RANGE, DATE_RE, date_of, range_start


@pytest.mark.parametrize(("text", "iso"), [
    ("ngày 22/12/2025", "2025-12-22"),
    ("ngày 2-6-2005", "2005-06-02"),
    ("ngày 5.3.2025", "2025-03-05"),
    ("ngày 05 / 03 / 2025", "2025-03-05"),
    ("ngày 5 tháng 3 năm 2025", "2025-03-05"),
    ("ngày 31/2/2025", None),  # no such day: never completed or corrected
])
def test_a_date_is_read_only_when_day_month_and_year_exist(text: str, iso: str | None) -> None:
    m = DATE_RE.search(text)
    assert m is not None and date_of(m) == iso


@pytest.mark.parametrize("text", ["ngày 5/3", "tháng 3/2025", "năm 2025", "ngày 5/3/25", "5/3-2025"])
def test_a_partial_date_is_no_date(text: str) -> None:
    assert DATE_RE.search(text) is None


@pytest.mark.parametrize(("text", "iso"), [
    ("từ ngày 3 đến ngày 5/3/2025", "2025-03-03"),
    ("ngày 3-5/3/2025", "2025-03-03"),
    ("Từ ngày 28/2 đến 2/3/2025", "2025-02-28"),
])
def test_a_range_of_days_dates_by_its_first_day(text: str, iso: str) -> None:
    m = DATE_RANGE.search(text)
    assert m is not None and range_start(m) == iso
