"""Vietnamese dates (kg.lang.vi.dates): the one grammar documents and events share; each case is an example."""

from __future__ import annotations

import pytest

from kg.lang.vi.dates import DATE_RANGE, DATE_RE, date_of, partial_dates, range_start


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


@pytest.mark.parametrize(("text", "dates"), [
    ("Tháng 6/1990, ông được bầu làm đại biểu.", ["1990-06"]),
    ("tháng 3 năm 2015 bà được điều động", ["2015-03"]),
    ("Từ 7/2010 đến 5/2013: Phó Thủ tướng Chính phủ.", ["2010-07", "2013-05"]),
    ("Năm 2010, ông được bổ nhiệm làm Giám đốc.", ["2010"]),
    ("Cuối năm 2014, ông từ chức.", ["2014"]),
    ("Ông sinh năm 1960 tại Huế.", []),  # a birth year dates no clause
    ("Căn cứ Luật Tổ chức Quốc hội năm 2014, Quốc hội bầu …", []),  # part of a law's name
    ("Từ năm 1993-1998, ông là Chủ tịch Đảng.", []),  # a range: no one year
    ("theo Thông tư 12/2015/TT-BTC", []),  # a document's number
    ("Quyết định số 5/2015 của UBND tỉnh", []),  # no "tháng", no lead word: not a month
])
def test_a_month_or_a_year_dates_a_clause_only_where_written_as_its_time(text: str, dates: list[str]) -> None:
    assert [d for _, d in partial_dates(text)] == dates
