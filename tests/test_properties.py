"""Property-based tests: arbitrary Unicode never crashes normalisation or extraction, and every
offset points inside its document at the text it claims."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkgraph.document import Document
from parkgraph.read.normalize import normalize

# Text that looks like the corpus often enough to reach every rule: Chinese, the rules' own heads
# and cue words, digits, both widths of punctuation, line breaks, and anything else Unicode has.
PIECES = ["杭州", "高新区", "（滨江）", "有限公司", "实验室", "研究院", "大学", "“", "”", "《", "》", "、", "，", "。",
          "企业", "位于", "由", "牵头", "与", "签署", "合作", "董事长", "王", "明", "说", "2023年", "地区生产总值",
          "亿元", "同比增长", "8%", "该高新区", "（以下简称“", "科技", "\n", "\n\n", " ", "#", "，", ",", "(", ")"]
corpusish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)
anything = st.one_of(st.text(max_size=300), corpusish)
SAFE = {(",", "，"), (";", "；"), ("(", "（"), (")", "）"), (":", "："), ("!", "！"), ("?", "？")}


@settings(max_examples=300, deadline=None)
@given(anything)
def test_normalize_offsets_always_map_to_raw(raw):
    doc = normalize(Document("p.txt", raw))
    assert len(doc.offsets) == len(doc.text)
    last = -1
    for i, ch in enumerate(doc.text):
        if ch == "\n":
            continue
        o = doc.offsets[i]
        assert 0 <= o < len(raw) and o > last
        last = o
        r = raw[o]
        assert r == ch or (r, ch) in SAFE or r in "\u3000\t\xa0" or ord(r) - 0xFEE0 == ord(ch) or (
            doc.original is not None and doc.original[i] == r)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(anything)
def test_pipeline_never_crashes_and_spans_are_true(rules_pipeline, raw):
    doc = rules_pipeline.process_document(Document("p.txt", raw))
    n = len(doc.text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= n and doc.display_text[s.start:s.end] == s.text
    for m in doc.mentions:
        assert 0 <= m.start < m.end <= n and doc.text[m.start:m.end] == m.text
    for f in doc.relations:
        assert doc.display_text[f.sentence.start:f.sentence.end] == f.sentence.text
    for o in doc.observations:
        assert o.value == o.value  # never NaN
        assert doc.display_text[o.sentence.start:o.sentence.end] == o.sentence.text
