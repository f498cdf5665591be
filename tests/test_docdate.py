"""The document's own date: publication lines, bylines, datelines; never an event date."""

import pytest

from parkgraph.document import Document
from parkgraph.read.docdate import document_date
from parkgraph.read.normalize import normalize


@pytest.mark.parametrize("raw, expected", [
    ("青石高新区召开年中会议\n\n2022-10-17 15:31| 发布者: admin| 查看: 449| 评论: 0\n\n今年以来…", "2022-10-17"),
    ("青石高新区召开年中会议\n来源：青石日报 作者：林某 发布时间：2021-03-02 09:12\n正文。", "2021-03-02"),
    ("青石高新区召开年中会议\n2023年11月29日 星期三\n正文。", "2023-11-29"),
    ("青石高新区召开年中会议\n2019/05/08\n正文。", "2019-05-08"),
    ("青石高新区召开年中会议\n日期：2019.05.08 点击：120\n正文。", "2019-05-08"),
    ("青石高新区召开年中会议\n来源：晨报 作者：王某 编辑：李某 2023-04-18 10:55:52\n正文。", "2023-04-18"),
    ("２０２３年１１月２９日\n青石高新区召开年中会议。", "2023-11-29"),                 # full-width digits
    ("2024年3月5日讯 去年，青石高新区实现地区生产总值900亿元。", "2024-03-05"),       # a dateline
    ("2024年3月5日，青石高新区召开大会。", "2024-03-05"),                             # a lede's date
])
def test_document_date_forms(raw, expected):
    assert document_date(raw) == expected


@pytest.mark.parametrize("raw", [
    "青石高新区成立于1991年7月。\n1992年11月9日，国务院批准青石高新区为国家级高新区。2023年，园区实现营业收入500亿元。",
    "青石产业园十年发展纪实\n截至2022年6月30日，园区累计注册企业900家。",
    "青石高新区召开年中会议\n会议于2023年11月29日召开，园区通报了上半年经济运行情况。",
    "青石高新区召开年中会议\n2023-13-45\n正文。",                                      # not a date
])
def test_document_date_skips_event_dates(raw):
    assert document_date(raw) is None


def test_document_date_prefers_the_publication_label_over_page_chrome():
    raw = "欢迎访问青石高新区网站\n今天是2024年09月17日 无障碍浏览\n当前位置：首页\n\n发布时间：2019-04-25\n\n正文。"
    assert document_date(raw) == "2019-04-25"


def test_document_date_closing_line():
    body = "青石高新区召开年中会议。" * 200
    assert document_date(body + "\n（2023年11月29日）\n") == "2023-11-29"


def test_metadata_date_wins_over_the_text():
    doc = Document("t.jsonl#1", "青石高新区召开年中会议\n发布时间：2021-03-02\n正文。", date="2024-05-06")
    assert normalize(doc).date == "2024-05-06"
    assert normalize(Document("t.txt", "青石高新区召开年中会议\n发布时间：2021-03-02\n正文。")).date == "2021-03-02"
