"""Periods of statistical figures: year (relative years against the document date) and months."""

import pytest

from parkgraph.extract.periods import Period, PeriodReader
from parkgraph.resources import default_data_dir


@pytest.fixture(scope="module")
def reader():
    return PeriodReader(default_data_dir())


def find(reader, words, date=None):
    p = reader.find(words, 0, len(words), date)
    return p.year, p.months, p.from_january


@pytest.mark.parametrize("words, date, expected", [
    ("2023年，园区", None, (2023, None, True)),
    ("今年，园区", "2024-08-20", (2024, None, True)),
    ("今年，园区", None, (None, None, True)),                    # undated: never today's year
    ("去年，园区", "2024-08-20", (2023, None, True)),
    ("前年，园区", "2024-08-20", (2022, None, True)),
    ("今年上半年，", "2025-07-20", (2025, 6, True)),
    ("2015年上半年，", None, (2015, 6, True)),
    ("上半年，", "2024-07-15", (2024, 6, True)),
    ("上半年，", None, (None, 6, True)),
    ("一季度，", "2024-04-01", (2024, 3, True)),
    ("前三季度，", "2024-10-25", (2024, 9, True)),
    ("前三季度，", "2024-02-01", (2023, 9, True)),               # the period was not over yet this year
    ("今年1-8月，", "2022-09-30", (2022, 8, True)),
    ("1至10月，", "2022-11-30", (2022, 10, True)),
    ("今年1~6月，", None, (None, 6, True)),
    ("1—9月，", "2020-10-10", (2020, 9, True)),
    ("前10个月，", "2022-11-30", (2022, 10, True)),
    ("截至10月底，", "2022-11-30", (2022, 10, True)),
    ("1-12月，", "2023-01-20", (2022, None, True)),             # a whole year, reported the next January
    ("2023年二季度，", None, (2023, None, False)),               # not from January
    ("下半年，", "2023-12-30", (2023, None, False)),
    ("3-5月，", None, (None, 5, False)),
    ("10月份，", None, (None, 10, False)),
    ("2016年……全年", None, (2016, None, True)),
    ("上半年…，2016年", None, (2016, None, True)),              # the last expression wins
])
def test_periods(reader, words, date, expected):
    assert find(reader, words, date) == expected


@pytest.mark.parametrize("words", ["比去年增长5%，", "较2020年翻了一番，", "与去年同期相比，", "比1992年翻了215倍；"])
def test_comparison_bases_are_not_periods(reader, words):
    assert reader.find(words, 0, len(words), "2024-05-01") == Period()


def test_partial_year_keeps_an_earlier_year_only_in_an_undated_document(reader):
    assert find(reader, "2023年，园区稳步发展。上半年，") == (2023, 6, True)
    assert find(reader, "2023年，园区稳步发展。上半年，", "2024-08-01") == (2024, 6, True)
