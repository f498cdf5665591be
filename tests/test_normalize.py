from parkgraph.document import Document
from parkgraph.read.normalize import normalize
from parkgraph.read.sentences import split_sentences

PARAGRAPHS = [
    "数据显示，2023年，苏州工业园区实现地区生产总值3686亿元、同比增长5.6%；实现规模以上工业增加值1000亿元，"
    "居江苏省第一。园区企业上海微电子装备集团股份有限公司在此设立了研发中心，投资约20亿元，全力推进项目建设。",
    "创新体系聚能跃升",
    "2023年，园区新增发明专利授权量5000件，每万人有效发明专利拥有量超300件，均居全省前列。园区持续优化营商环境，"
    "吸引了大批高层次人才前来创新创业，为高质量发展注入新动能。",
]


def wrap(paragraphs: list[str], width: int = 18) -> str:
    """Text as a PDF extraction gives it: fixed-width lines, a blank line after each."""
    lines = []
    for p in paragraphs:
        lines += [p[i:i + width] for i in range(0, len(p), width)]
    return "\n\n".join(lines) + "\n"


WRAPPED = wrap(PARAGRAPHS)


def make(raw: str) -> Document:
    doc = Document("t.txt", raw)
    normalize(doc)
    split_sentences(doc)
    return doc


def test_normalize_joins_lines_wrapped_mid_word():
    doc = make(WRAPPED)
    assert "地区生产总值3686亿元" in doc.text
    assert "规模以上工业增加值" in doc.text
    assert "上海微电子装备集团股份有限公司" in doc.text


def test_normalize_keeps_heading_as_its_own_paragraph():
    doc = make(WRAPPED)
    paras = [doc.text[s:e] for s, e in doc.paragraphs]
    assert "创新体系聚能跃升" in paras


def test_normalize_offsets_point_back_to_raw_characters():
    doc = make(WRAPPED)
    for i, ch in enumerate(doc.text):
        if ch == "\n":
            continue
        raw = doc.raw[doc.offsets[i]]
        assert raw == ch or (raw, ch) in {(",", "，"), (";", "；"), ("(", "（"), (")", "）"), (":", "：")}


def test_normalize_unifies_half_width_punctuation_in_chinese_context():
    doc = make("2024年,杭州高新区(滨江)实现地区生产总值(GDP)2887.8亿元,同比增长5.0%;时间10:30,金额1,000元。")
    assert "2024年，杭州高新区（滨江）实现地区生产总值（GDP）2887.8亿元，同比增长5.0%；" in doc.text
    assert "10:30" in doc.text and "1,000元" in doc.text


def test_normalize_full_width_digits_become_ascii():
    doc = make("２０２３年增长８％。")
    assert doc.text.startswith("2023年增长8%")


def test_normalize_joins_paragraph_line_broken_over_blank_line():
    raw = ("大科学装置是推动科技创新、突破关键核心技术的利器。"
           "位于成都高新区的某科学城建设传来喜讯——某某生产基地项目将开工。该项目\n\n"
           "建筑总面积超14.8万平方米。\n\n短标题\n\n下一段落的文字写在这里，它以句号结尾。\n")
    doc = make(raw)
    assert "该项目建筑总面积" in doc.text
    assert "短标题" in [doc.text[s:e] for s, e in doc.paragraphs]


def test_normalize_strips_markdown_heading_marks_and_takes_title():
    doc = make("# 武汉东湖高新区：光谷新篇章\n\n## 小标题\n\n正文第一段。\n")
    assert doc.title == "武汉东湖高新区：光谷新篇章"
    assert "#" not in doc.text


def test_normalize_reads_document_date():
    doc = make("2024年3月5日，合肥高新区召开大会。")
    assert doc.date == "2024-03-05"


def test_sentences_split_on_chinese_terminators_and_keep_closing_quote():
    doc = make("“我们很高兴。”他说。第二句！第三句？第四句；")
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "“我们很高兴。”"
    assert texts[1:] == ["他说。", "第二句！", "第三句？", "第四句；"]


def test_sentences_offsets_match_text():
    doc = make(WRAPPED)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
