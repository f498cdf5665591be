"""Industries named in enumerations (sentences of our own; the words are not in the gazetteer)."""

import pytest

from parkgraph.document import Mention
from parkgraph.extract.recognizers.industry_lists import industry_list_mentions
from parkgraph.resources import load_resources


@pytest.fixture(scope="module")
def res():
    return load_resources(use_lexicon=False)


def names(text, res, cands=()):
    return [m.text for m in industry_list_mentions(text, list(cands), res)]


@pytest.mark.parametrize("text, expected", [
    ("青川高新区做大做强智能传感、新能源装备、数字文创三大主导产业。", ["智能传感", "新能源装备", "数字文创"]),
    ("园区已形成海洋牧场、远洋捕捞和水产冷链三大产业集群。", ["海洋牧场", "远洋捕捞", "水产冷链"]),
    ("以精细陶瓷、特种玻璃、光学薄膜为主导，打造千亿园区。", ["精细陶瓷", "特种玻璃", "光学薄膜"]),
    ("形成了茶叶深加工、竹木制品与林下经济三大产业集群。", ["茶叶深加工", "竹木制品", "林下经济"]),
    ("智能传感、数字文创等优势产业表现抢眼。", ["智能传感", "数字文创"]),
])
def test_industry_lists_find_members(res, text, expected):
    assert names(text, res) == expected


@pytest.mark.parametrize("text", [
    "在青川北辰、青川宏图等产业园区，人才公寓加紧建设。",          # 产业园区 is not a head
    "实现了由初加工向精深加工、贴牌产品向自主品牌的完整产业链。",      # members that are not words
    "青川高新区加快发展数字文创产业。",                              # one member, no count
])
def test_industry_lists_leave_other_text(res, text):
    assert names(text, res) == []


def test_industry_lists_a_name_of_another_class_is_no_list(res):
    text = "拜访青川北辰、青川宏图等龙头企业所在的重点产业。"
    cands = [Mention(2, 6, "青川北辰", "Enterprise", "t")]
    assert names(text, res, cands) == []
