"""Two articles of our own about other cities' parks (Suzhou, Wuhan), written in the style of the
sample corpus and built with rules only: what a careful analyst would want must come out, and
the rules know none of these names."""

from pathlib import Path

import pytest

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.extract.resolve import norm_label

UNSEEN = Path(__file__).parent / "data" / "unseen"


@pytest.fixture(scope="module")
def unseen():
    result = Pipeline(BuildOptions(use_lexicon=False)).build([UNSEEN])
    names = {}
    for e in result.entities.values():
        for n in [e.label, *e.aliases]:
            names[norm_label(n)] = e
    facts = set()
    for d in result.documents:
        for f in d.relations:
            s = result.entities[f.subject].label
            o = f.object if f.literal else result.entities[f.object].label
            facts.add((s, f.predicate, o))
    obs = {(result.entities[o.entity].label, o.indicator, o.year, o.value) for d in result.documents
           for o in d.observations}
    return names, facts, obs


@pytest.mark.parametrize("name, cls", [
    ("苏州工业园区", "Park"), ("苏州实验室", "Lab"), ("国家生物药技术创新中心", "Lab"), ("中国科学院", "Organization"),
    ("信达生物制药（苏州）有限公司", "Enterprise"), ("信达生物", "Enterprise"), ("礼来制药", "Enterprise"),
    ("苏州工业园区管委会", "GovernmentBody"), ("西交利物浦大学", "University"), ("西浦创新研究院", "Lab"),
    ("苏州园区科创母基金", "Fund"), ("金鸡湖人才计划", "Policy"), ("俞德超", "Person"),
    ("武汉东湖新技术开发区", "Park"), ("东湖高新区", "Park"), ("东湖高新区党工委", "GovernmentBody"),
    ("张文彤", "Person"),
    ("长飞光纤光缆股份有限公司", "Enterprise"), ("华工科技", "Enterprise"), ("高德红外", "Enterprise"),
    ("光谷实验室", "Lab"), ("珞珈实验室", "Lab"), ("华中科技大学", "University"), ("湖北东湖科学城", "Park"),
    ("3551光谷人才计划", "Policy"), ("光谷科创引导基金", "Fund"), ("武汉光谷产业投资有限公司", "Enterprise"),
])
def test_generalisation_entities(unseen, name, cls):
    names, _, _ = unseen
    assert norm_label(name) in names, name
    assert names[norm_label(name)].cls == cls


def test_generalisation_aliases_merge(unseen):
    names, _, _ = unseen
    assert names[norm_label("信达生物")] is names[norm_label("信达生物制药（苏州）有限公司")]
    assert names[norm_label("东湖高新区")] is names[norm_label("武汉东湖新技术开发区")]


@pytest.mark.parametrize("fact", [
    ("信达生物制药（苏州）有限公司", "locatedIn", "苏州工业园区"),
    ("信达生物制药（苏州）有限公司", "foundingYear", "2011"),
    ("俞德超", "worksFor", "信达生物制药（苏州）有限公司"),
    ("信达生物制药（苏州）有限公司", "cooperatesWith", "礼来制药"),
    ("苏州工业园区管委会", "cooperatesWith", "西交利物浦大学"),
    ("西浦创新研究院", "establishedBy", "西交利物浦大学"),
    ("苏州实验室", "ledBy", "中国科学院"),
    ("苏州工业园区", "implements", "金鸡湖人才计划"),
    ("张文彤", "worksFor", "东湖高新区党工委"),
    ("光谷实验室", "ledBy", "华中科技大学"),
    ("珞珈实验室", "affiliatedWith", "武汉大学"),
    ("湖北东湖科学城", "partOf", "武汉东湖新技术开发区"),
    ("光谷科创引导基金", "establishedBy", "武汉光谷产业投资有限公司"),
])
def test_generalisation_relations(unseen, fact):
    _, facts, _ = unseen
    assert fact in facts


def test_generalisation_observations(unseen):
    _, _, obs = unseen
    assert ("苏州工业园区", "GDP", 2023, 368600000000.0) in obs
    assert ("苏州工业园区", "ForeignInvestmentUtilized", 2023, 1860000000.0) in obs
    assert ("苏州工业园区", "InventionPatentsGranted", 2023, 5000.0) in obs
    assert ("武汉东湖新技术开发区", "GDP", 2024, 280000000000.0) in obs
