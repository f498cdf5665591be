"""Evidence quotes a bounded window of its sentence (issue 11, bounded evidence)."""

from parkgraph.document import Mention, ObservationFact, RelationFact, Sentence
from parkgraph.graph.evidence import EVIDENCE_MAX, evidence_span, window


def sentence(text: str, start: int = 0) -> Sentence:
    return Sentence(start, start + len(text), 0, text)


def mention(text: str, doc: str, cls: str, after: int = 0) -> Mention:
    at = doc.index(text, after)
    return Mention(at, at + len(text), text, cls, "test")


FILLER = "园区持续优化营商环境，加快培育发展新质生产力，"  # 23 characters


def test_evidence_of_a_sentence_up_to_the_limit_is_the_whole_sentence():
    text = FILLER * 12 + "星垣智能科技有限公司位于晨屿高新区。"
    assert len(text) <= EVIDENCE_MAX
    s = sentence(text)
    fact = RelationFact(mention("星垣智能科技有限公司", text, "Enterprise"), "locatedIn",
                        mention("晨屿高新区", text, "Park"), s, "pattern:x", 0.9)
    assert evidence_span(fact, text) == (0, len(text))


def test_evidence_of_a_long_sentence_is_a_window_around_the_mentions_cut_at_clauses():
    text = FILLER * 30 + "星垣智能科技有限公司位于晨屿高新区，" + FILLER * 30
    s = sentence(text)
    subject, obj = mention("星垣智能科技有限公司", text, "Enterprise"), mention("晨屿高新区", text, "Park")
    fact = RelationFact(subject, "locatedIn", obj, s, "pattern:x", 0.9)
    assert fact.span == (subject.start, obj.end)
    start, end = evidence_span(fact, text)
    assert end - start <= EVIDENCE_MAX
    assert start <= subject.start and obj.end <= end
    assert text[start - 1] == "，" and text[end - 1] == "，"   # whole clauses
    assert end - start > EVIDENCE_MAX - len(FILLER)            # as much context as fits


def test_evidence_window_keeps_the_end_of_a_span_longer_than_the_limit():
    text = "晨屿高新区" + FILLER * 40 + "由星垣智能科技有限公司牵头" + FILLER * 5
    s = sentence(text, start=100)
    doc = "x" * 100 + text
    start, end = window(doc, s, (100, doc.index("牵头") + 2))
    assert end - start <= EVIDENCE_MAX and "由星垣智能科技有限公司牵头" in doc[start:end]


def test_evidence_window_without_any_boundary_is_cut_at_the_limit():
    text = "甲" * 1000
    s = sentence(text)
    assert window(text, s, (500, 510)) == (355, 655)
    assert window(text, s, None) == (0, EVIDENCE_MAX)
    text = "甲" * 360 + "1,234" + "乙" * 635   # the comma of a figure is no boundary
    assert window(text, sentence(text), (500, 510)) == (355, 655)


def test_evidence_of_an_observation_is_around_its_phrase_and_figure():
    text = FILLER * 30 + "晨屿高新区实现营业收入120亿元，同比增长8.5%，" + FILLER * 30
    s = sentence(text)
    park = mention("晨屿高新区", text, "Park")
    fact = ObservationFact(park, "OperatingRevenue", 1.2e10, "CNY", s, "pattern:observation/营业收入", 0.8,
                           raw_value="120亿元")
    start, end = evidence_span(fact, text)
    assert end - start <= EVIDENCE_MAX and "晨屿高新区实现营业收入120亿元" in text[start:end]
    # the entity is the document's topic, named in another sentence: the phrase and figure still count
    fact = ObservationFact("key", "OperatingRevenue", 1.2e10, "CNY", s, "pattern:observation/营业收入", 0.6,
                           raw_value="120亿元")
    assert fact.span is None
    start, end = evidence_span(fact, text)
    assert "营业收入120亿元" in text[start:end]


def test_evidence_of_a_founding_year_holds_the_year():
    text = FILLER * 30 + "星垣智能科技有限公司成立于2015年，" + FILLER * 30
    s = sentence(text)
    fact = RelationFact(mention("星垣智能科技有限公司", text, "Enterprise"), "foundingYear", "2015", s,
                        "pattern:x", 0.9, literal=True)
    start, end = evidence_span(fact, text)
    assert "星垣智能科技有限公司成立于2015年" in text[start:end]
