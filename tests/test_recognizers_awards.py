"""The award recogniser: titles after award cues and before holder words, on sentences of our own
(rules only, no statistical model)."""

import pytest

from parkgraph.pipeline import BuildOptions, Pipeline

from conftest import process


@pytest.fixture(scope="module")
def plain():
    return Pipeline(BuildOptions(use_lexicon=False, use_model=False))


def awards(pipeline, text):
    return {m.name for m in process(pipeline, text).mentions if m.cls == "Award"}


@pytest.mark.parametrize("text, names", [
    ("青川高新区先后获评国家知识产权示范园区、国家火炬智能装备特色产业基地、中国最佳营商环境城市等称号。",
     {"国家知识产权示范园区", "国家火炬智能装备特色产业基地", "中国最佳营商环境城市"}),
    ("青川高新区获批国家新型工业化产业示范基地。", {"国家新型工业化产业示范基地"}),
    ("青川云帆科技有限公司被认定为国家级专精特新“小巨人”企业。", {"国家级专精特新“小巨人”企业"}),
    ("青川高新区荣获“全国文明单位”称号。", {"全国文明单位"}),          # the tail marks it
    ("青川北辰光电有限公司被工信部授予“制造业领航示范企业”称号。", {"制造业领航示范企业"}),
    ("青川高新区入选首批国家级绿色工业园区名单。", {"国家级绿色工业园区"}),  # 首批 and 名单 are not in it
    ("青川高新区拥有科技部授予的“青川国家新材料高技术产业基地”，国家青川智能装备产业化基地、"
     "青川省汽车零部件基地等6块“金字招牌”。",
     {"青川国家新材料高技术产业基地", "国家青川智能装备产业化基地", "青川省汽车零部件基地"}),
    ("青川宏图智造有限公司第三次获得本省最高荣誉“青川制造金鼎”。", {"青川制造金鼎"}),
])
def test_awards_found_after_cues_and_before_holders(plain, text, names):
    assert names <= awards(plain, text)


@pytest.mark.parametrize("text", [
    "青川高新区获批建设青川大学科技园。",                        # 获批建设: built, not won
    "该园区被省人民政府命名为“青川高新技术产业开发区”。",          # a park's own name
    "青川云帆科技有限公司获得融资5亿元。",
    "青川高新区新获批省级创新联合体2家。",                        # no title head
    "全区已有国家级专精特新“小巨人”企业7家。",                    # no cue
])
def test_awards_not_found_without_a_title(plain, text):
    assert not awards(plain, text)


def test_awards_give_received_award(plain):
    doc = process(plain, "青川云帆科技有限公司凭借新一代传感芯片荣获第二十届中国专利金奖。")
    got = {(f.subject.name, f.object.name) for f in doc.relations if f.predicate == "receivedAward"}
    assert got == {("青川云帆科技有限公司", "第二十届中国专利金奖")}
