"""Relation patterns on sentences of our own (rules only), and their evidence."""

import pytest

from conftest import process


def facts(pipeline, text):
    doc = process(pipeline, text)
    return {(f.subject.name, f.predicate, f.object if f.literal else f.object.name) for f in doc.relations}


@pytest.mark.parametrize("text, fact", [
    ("武汉东湖高新区企业武汉光迅科技股份有限公司近日发布新品。",
     ("武汉光迅科技股份有限公司", "locatedIn", "武汉东湖高新区")),
    ("位于合肥高新区的量子科学实验室正式启用。", ("量子科学实验室", "locatedIn", "合肥高新区")),
    ("深圳市大疆创新科技有限公司总部位于深圳高新区，业务遍及全球。",
     ("深圳市大疆创新科技有限公司", "locatedIn", "深圳高新区")),
    ("光谷实验室是由华中科技大学牵头、多家企业共建的新型研发机构。", ("光谷实验室", "ledBy", "华中科技大学")),
    ("穗港疫苗技术产业转化中心在广州高新区揭牌。该转化中心由广州生物岛实验室与广州医药集团有限公司联合共建。",
     ("广州生物岛实验室", "cooperatesWith", "广州医药集团有限公司")),
    ("合肥高新区管委会与中国科学技术大学签署战略合作协议。",
     ("合肥高新区管委会", "cooperatesWith", "中国科学技术大学")),
    ("深圳市南山区科技创新局局长张明华表示，将加快推进。", ("张明华", "worksFor", "深圳市南山区科技创新局")),
    ("成都高新区发布《成都高新区支持人工智能产业发展的若干政策》。",
     ("成都高新区", "implements", "成都高新区支持人工智能产业发展的若干政策")),
    ("杭州海创科技有限公司成立于2015年，是人形机器人领域的佼佼者。",
     ("杭州海创科技有限公司", "foundingYear", "2015")),
    ("杭州海创科技有限公司成立于2015年，是人形机器人领域的佼佼者。",
     ("杭州海创科技有限公司", "industry", "人形机器人")),
    ("2023年，苏州工业园区获评“国家生态工业示范奖”。", ("苏州工业园区", "receivedAward", "国家生态工业示范奖")),
    ("苏州纳米科技园是苏州工业园区的重要片区。", ("苏州纳米科技园", "partOf", "苏州工业园区")),
    ("南京大学苏州研究院揭牌。", ("南京大学苏州研究院", "affiliatedWith", "南京大学")),
    ("成都高新区天府软件园的企业数量增长。", ("成都高新区天府软件园", "partOf", "成都高新区")),
])
def test_relations_patterns_find_facts(rules_pipeline, text, fact):
    assert fact in facts(rules_pipeline, text)


def test_relations_nearest_subject_wins(rules_pipeline):
    got = facts(rules_pipeline, "2022年的杭州市“两会”之后，合肥高新区发布《合肥高新区促进人才发展行动方案》。")
    assert ("合肥高新区", "implements", "合肥高新区促进人才发展行动方案") in got
    assert not any(s == "杭州市" for s, p, _ in got if p == "implements")


def test_relations_topic_subject_for_policy_lists(rules_pipeline):
    doc = process(rules_pipeline, "成都高新区召开大会。健全企业“雄鹰行动”“凤凰计划”“瞪羚计划”等梯次培育体系。")
    got = {(f.subject.name, f.object.name) for f in doc.relations if f.predicate == "implements"}
    assert got == {("成都高新区", "雄鹰行动"), ("成都高新区", "凤凰计划"), ("成都高新区", "瞪羚计划")}


def test_relations_person_title_is_kept(rules_pipeline):
    doc = process(rules_pipeline, "“我们很满意。”深圳市大疆创新科技有限公司副总裁李明说。")
    f = next(f for f in doc.relations if f.predicate == "worksFor")
    assert f.title == "副总裁"


def test_relations_evidence_is_the_sentence(rules_pipeline):
    doc = process(rules_pipeline, "这是第一句。位于合肥高新区的量子科学实验室正式启用。")
    f = next(f for f in doc.relations if f.predicate == "locatedIn")
    assert doc.text[f.sentence.start:f.sentence.end] == "位于合肥高新区的量子科学实验室正式启用。"
    assert f.extractor == "pattern:locatedIn/位于X的Y" and 0 < f.confidence <= 1


@pytest.mark.parametrize("text, fact", [
    ("青川高新区做大做强智能传感、新能源装备、数字文创三大主导产业。", ("青川高新区", "industry", "数字文创")),
    ("由青川大学和青川云帆科技有限公司共同建设的青川智能传感研究院正式揭牌。",
     ("青川智能传感研究院", "establishedBy", "青川云帆科技有限公司")),
    ("青川大学与青川北辰光电有限公司投资8亿元的青川智能终端生产线项目开工。",
     ("青川智能终端生产线项目", "establishedBy", "青川北辰光电有限公司")),
    ("青川大学与青川北辰光电有限公司投资8亿元的青川智能终端生产线项目开工。",
     ("青川大学", "cooperatesWith", "青川北辰光电有限公司")),
    ("青川高新区召开大会。会上，青川北辰光电有限公司与青川宏图智造有限公司合作研发新品。",
     ("青川北辰光电有限公司", "cooperatesWith", "青川宏图智造有限公司")),
    ("青川高新区先后获评“全国科技进步示范奖”、“全省营商环境创新奖”等称号。",
     ("青川高新区", "receivedAward", "全省营商环境创新奖")),
])
def test_relations_enumerations_carry_the_relation_to_every_member(rules_pipeline, text, fact):
    assert fact in facts(rules_pipeline, text)


def test_relations_three_parties_need_three_names(rules_pipeline):
    got = facts(rules_pipeline, "青川高新区管委会、青川北辰光电有限公司三方共同签约。")
    assert not any(p == "cooperatesWith" for _, p, _ in got)
    got = facts(rules_pipeline, "青川高新区管委会、青川北辰光电有限公司两方共同签约。")
    assert ("青川高新区管委会", "cooperatesWith", "青川北辰光电有限公司") in got


def test_relations_bad_pattern_names_its_row():
    from parkgraph.extract.relations.patterns import compile_pattern
    with pytest.raises(ValueError, match="bad/row"):
        compile_pattern({"id": "bad/row", "relation": "locatedIn", "pattern": "{s:Park}{skip9}?+"})


def test_relations_defined_cue_words_expand(tmp_path):
    from parkgraph.extract.relations.patterns import compile_pattern, macros_of
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "cues.tsv").write_text("cue\t荣获\nother\t建设\n", encoding="utf-8")
    rows = [{"define": "AT", "words": ["位于", "坐落于"]},
            {"define": "WON", "file": "cues.tsv", "kind": "cue"},
            {"define": "BOTH", "words": ["{AT}", "{WON}"]}]
    macros = macros_of(rows, tmp_path)
    assert macros["WON"] == "(?:荣获)"
    p = compile_pattern({"id": "t", "relation": "locatedIn", "pattern": "{s:Enterprise}{BOTH}{o:Park}"}, macros)
    assert p.regex.search("⟦0:Enterprise⟧坐落于⟦1:Park⟧")
    with pytest.raises(ValueError, match="NOPE"):
        compile_pattern({"id": "t", "relation": "locatedIn", "pattern": "{s:Park}{NOPE}"}, macros)


@pytest.mark.parametrize("text, fact", [
    # co-agents joined by 联合 all found the organisation
    ("青川智算研究院是青川高新区联合青川大学共同打造的新型研发机构。", ("青川智算研究院", "establishedBy", "青川大学")),
    # adjacent places: the fact names the last, most specific one
    ("青川高新区位于浙江省嘉兴市北部。", ("青川高新区", "locatedIn", "嘉兴市")),
    # a role after the park: 均为X重点企业, 作为X的核心区
    ("青川北辰光电有限公司、青川宏图智造有限公司均为青川高新区重点企业。",
     ("青川宏图智造有限公司", "locatedIn", "青川高新区")),
    ("作为青川高新区的核心区，青川软件园集聚了软件企业600余家。", ("青川软件园", "partOf", "青川高新区")),
    # cooperation written with 携手, 联合成立, 缔结
    ("青川北辰光电有限公司携手青川大学，共同开展技术攻关。", ("青川北辰光电有限公司", "cooperatesWith", "青川大学")),
    ("青川高新区与青海高新区缔结为友好园区。", ("青川高新区", "cooperatesWith", "青海高新区")),
    # founding years written before the name, or with 经…批准
    ("成立于2012年的青川云帆科技有限公司已成长为独角兽企业。", ("青川云帆科技有限公司", "foundingYear", "2012")),
    ("2006年，青川高新区经省政府批准设立。", ("青川高新区", "foundingYear", "2006")),
    # an award's holder is the member before the cue, not the body that gives it
    ("青川北辰光电有限公司被工信部授予“制造业领航示范企业”称号。",
     ("青川北辰光电有限公司", "receivedAward", "制造业领航示范企业")),
    ("青川云帆科技有限公司成功入围中国独角兽企业榜单。", ("青川云帆科技有限公司", "receivedAward", "中国独角兽企业")),
    # a founding year before the name (前身是1993年设立的X), a second clause's (…之一，始建于Y年)
    ("青川高新区的前身是1993年设立的青川经济开发区。", ("青川经济开发区", "foundingYear", "1993")),
    ("青川高新区是全省首批省级高新区之一，始建于1996年。", ("青川高新区", "foundingYear", "1996")),
    ("青川云帆科技有限公司始创于2009年，总部位于青川高新区。", ("青川云帆科技有限公司", "locatedIn", "青川高新区")),
    # members listed after what was brought in (引进项目N个，包括A、B)
    ("近两年，青川高新区累计引进重大项目30个，包括青川储能电站项目、青川冷链物流基地项目等。",
     ("青川冷链物流基地项目", "locatedIn", "青川高新区")),
    # sub-parks a park 下设, before a count and a head (三个专业园区: not a reference to the park)
    ("青川高新区下设青川软件园、青川光谷产业园两个专业园区。", ("青川光谷产业园", "partOf", "青川高新区")),
    ("青川高新区与青川大学的合作日益紧密。", ("青川高新区", "cooperatesWith", "青川大学")),
])
def test_relations_generalised_mechanisms(rules_pipeline, text, fact):
    assert fact in facts(rules_pipeline, text)


def test_relations_granting_body_is_not_the_holder(rules_pipeline):
    got = facts(rules_pipeline, "青川高新区拥有科技部授予的“青川国家新材料产业化基地”等称号。")
    assert ("青川高新区", "receivedAward", "青川国家新材料产业化基地") in got
    assert not any(s == "科技部" for s, p, _ in got if p == "receivedAward")


def test_relations_post_after_a_name_is_the_persons_own():
    """张三，X创始人、董事长 (the rules do not find a name without a title before it; the model
    or the lexicon may): the post after the name, unless it is the next person's."""
    from parkgraph.extract.relations import RelationExtractor
    from parkgraph.resources import load_resources
    row = next(p for p in RelationExtractor(load_resources(use_lexicon=False)).patterns
               if p.id == "worksFor/张三，X董事长")
    assert row.regex.search("⟦0:Person⟧，⟦1:Enterprise⟧创始人、董事长，长期从事光学研究。")
    assert not row.regex.search("⟦0:Person⟧，⟦1:GovernmentBody⟧副书记⟦2:Person⟧出席。")
