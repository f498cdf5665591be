"""Sentence splitting bounds a sentence's length (issue 11, bounded evidence): text without
sentence punctuation is cut on secondary boundaries, so that no rule reads a whole article."""

from parkgraph.document import Document
from parkgraph.read.normalize import normalize
from parkgraph.read.sentences import MAX_SENTENCE, piece_end, split_sentences


def make(raw: str) -> Document:
    return split_sentences(normalize(Document("t.txt", raw)))


CLAUSE = "晨屿高新区实现营业收入120亿元，同比增长8.5%，澄江智能科技有限公司位于晨屿高新区，"  # 44 characters


def test_sentences_of_normal_length_are_not_cut():
    sentence = CLAUSE * 20 + "园区持续优化营商环境。"
    assert len(sentence) < MAX_SENTENCE
    doc = make(sentence + "第二句。")
    assert [s.text for s in doc.sentences] == [sentence, "第二句。"]


def test_sentences_without_full_stops_are_cut_after_a_comma_below_the_maximum():
    text = CLAUSE * 200  # 8,800 characters, not one 。
    doc = make(text)
    assert len(doc.sentences) >= len(text) // MAX_SENTENCE + 1
    for s in doc.sentences:
        assert MAX_SENTENCE // 2 <= s.end - s.start <= MAX_SENTENCE or s is doc.sentences[-1]
        assert doc.text[s.start:s.end] == s.text
        assert s.text.endswith("，") or s is doc.sentences[-1]
    # nothing is lost between the pieces
    assert "".join(s.text for s in doc.sentences) == doc.text.strip()


def test_sentences_prefer_a_comma_to_a_space_and_a_space_to_a_hard_cut():
    text = "甲" * 700 + "，" + "乙" * 100 + " Lumo " + "丙" * 500
    assert piece_end(text, 0, MAX_SENTENCE) == 701
    text = "甲" * 700 + " Lumo Park " + "丙" * 500
    assert text[:piece_end(text, 0, MAX_SENTENCE)].endswith("Park ")
    text = "甲" * 2000
    assert piece_end(text, 0, MAX_SENTENCE) == MAX_SENTENCE
    text = "甲" * 700 + "营业收入1,000亿元" + "乙" * 500  # the comma of a figure is no boundary
    assert piece_end(text, 0, MAX_SENTENCE) == MAX_SENTENCE


def test_sentences_hard_cut_does_not_split_a_number():
    text = "甲" * 990 + "1234567890123" + "乙" * 100
    assert piece_end(text, 0, MAX_SENTENCE) == 990
    doc = make(text)
    assert [s.end - s.start for s in doc.sentences] == [990, 113]


def test_sentences_cut_a_long_traditional_text_and_quote_the_original():
    doc = make("澄江園區實現營業收入120億元，" * 100)
    assert len(doc.sentences) > 1 and doc.original is not None
    for s in doc.sentences:
        assert s.text == doc.original[s.start:s.end] and "園" in s.text
