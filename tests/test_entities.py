"""The recogniser on sentences about parks, labs and companies that are not in the sample
corpus, with rules only (no lexicon): the rules must find names they have never seen."""

import pytest

from parkgraph.document import Mention
from parkgraph.entities import prioritize_longest

from conftest import names, process


@pytest.mark.parametrize("text, cls, name", [
    ("武汉东湖高新区企业武汉光迅科技股份有限公司近日发布新品。", "Enterprise", "武汉光迅科技股份有限公司"),
    ("武汉东湖高新区企业武汉光迅科技股份有限公司近日发布新品。", "Park", "武汉东湖高新区"),
    ("光谷实验室是由华中科技大学牵头的新型研发机构。", "Lab", "光谷实验室"),
    ("光谷实验室是由华中科技大学牵头的新型研发机构。", "University", "华中科技大学"),
    ("苏州纳米城是苏州工业园区的重要片区。", "Park", "苏州工业园区"),
    ("深圳市南山区科技创新局局长张明华表示，将加快推进。", "GovernmentBody", "深圳市南山区科技创新局"),
    ("深圳市南山区科技创新局局长张明华表示，将加快推进。", "Person", "张明华"),
    ("合肥高新区管委会与中国科学技术大学签署战略合作协议。", "GovernmentBody", "合肥高新区管委会"),
    ("“我们很满意。”深圳市大疆创新科技有限公司副总裁李明说。", "Enterprise", "深圳市大疆创新科技有限公司"),
    ("青岛海尔生物医疗股份有限公司创始人兼CEO刘占杰介绍，公司专注于生物医药。", "Person", "刘占杰"),
    ("该高新区还设立了长沙麓谷创业投资基金，总规模20亿元。", "Fund", "长沙麓谷创业投资基金"),
    ("成都高新区发布《成都高新区支持人工智能产业发展的若干政策》。", "Policy",
     "成都高新区支持人工智能产业发展的若干政策"),
    ("成都高新区大力实施“蓉漂计划”，吸引人才。", "Policy", "蓉漂计划"),
    ("南京市深入推进“科技创新体系建设工程”。", "Policy", "科技创新体系建设工程"),
    ("宁波高新区实施“甬江引才”工程，成效明显。", "Policy", "甬江引才工程"),
    ("获评“中国专利金奖”后，企业继续发力。", "Award", "中国专利金奖"),
])
def test_entities_rules_find_unseen_names(rules_pipeline, text, cls, name):
    assert name in names(process(rules_pipeline, text), cls)


def test_entities_coordination_names_two_labs(rules_pipeline):
    doc = process(rules_pipeline, "量子计算、人工智能两个国家重点实验室落地合肥高新区。")
    assert {"量子计算国家重点实验室", "人工智能国家重点实验室"} <= names(doc, "Lab")


def test_entities_enumeration_before_deng_qiye(rules_pipeline):
    doc = process(rules_pipeline, "华工科技、长飞光纤、光迅科技等一批龙头企业扎根光谷。")
    assert {"华工科技", "长飞光纤", "光迅科技"} <= names(doc, "Enterprise")


def test_entities_jiancheng_declaration_adds_short_form(rules_pipeline):
    doc = process(rules_pipeline, "芯原微电子（上海）股份有限公司（以下简称“芯原股份”）宣布，芯原股份将扩大投资。")
    assert ("芯原微电子（上海）股份有限公司", "芯原股份", "Enterprise") in doc.alias_pairs
    assert sum(1 for m in doc.mentions if m.name == "芯原股份") == 2


def test_entities_reference_points_to_last_park(rules_pipeline):
    doc = process(rules_pipeline, "西安高新区召开大会。该高新区发布新政策。")
    ref = next(m for m in doc.mentions if m.is_reference)
    assert ref.text == "该高新区" and ref.refers_to.name == "西安高新区"


@pytest.mark.parametrize("text, bad", [
    ("要加快构建新发展格局，优化产业布局。", "格局"),
    ("全国157个国家高新区综合排名中位列第五。", "国家高新区"),
    ("两个全国重点实验室研究院落地。", "全国重点实验室"),
    ("我们的大学生创业热情很高。", "大学"),
    ("钟爱杭州高新区的人很多。", "钟爱杭州高新区"),
])
def test_entities_generic_words_and_verbs_make_no_name(rules_pipeline, text, bad):
    assert not any(bad in n for n in names(process(rules_pipeline, text)) if n != "杭州高新区")


def test_entities_left_edge_stops_at_clause_verb(rules_pipeline):
    doc = process(rules_pipeline, "持续优化杭州高新区（滨江）的营商环境，做强江北科技园孵化阵地。")
    assert "杭州高新区（滨江）" in names(doc, "Park")
    assert "江北科技园" in names(doc, "Park")


def test_entities_org_before_title_strips_department(rules_pipeline):
    doc = process(rules_pipeline, "“我们很满意。”天和磁材研发室主任武志敏说。")
    person = next(m for m in doc.mentions if m.cls == "Person")
    assert person.name == "武志敏" and person.org_spans[0].name == "天和磁材"


def test_entities_lexicon_adds_well_known_names(pipeline, rules_pipeline):
    text = "科技部和工信部联合发文，支持中关村建设。"
    assert {"科技部", "工信部"} <= names(process(pipeline, text), "GovernmentBody")
    assert "科技部" not in names(process(rules_pipeline, text))


def test_entities_prioritize_longest_keeps_longest_then_priority():
    text = "杭州高新区（滨江）"
    longest = Mention(0, 5, text[0:5], "Park", "rule", 1)
    inner = Mention(0, 2, text[0:2], "Place", "rule", 1)
    lexicon = Mention(6, 8, text[6:8], "Park", "lexicon", 3)
    rule = Mention(6, 8, text[6:8], "Place", "rule", 1)
    kept = prioritize_longest([inner, rule, longest, lexicon])
    assert [m.source + ":" + m.cls for m in sorted(kept, key=lambda m: m.start)] == ["rule:Park", "lexicon:Park"]
