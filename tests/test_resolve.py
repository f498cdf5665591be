"""Alias resolution: one canonical entity per real-world thing, deterministic and explainable."""

import pytest

from parkgraph.extract.resolve import is_abbreviation, norm_label


def resolve_texts(pipeline, *texts):
    from parkgraph.document import Document

    docs = [pipeline.recognize_document(Document(f"d{i}.txt", t)) for i, t in enumerate(texts)]
    forms: set[str] = set()
    for d in docs:  # short company names of every document, offered to the others
        forms |= pipeline.recognizer.short_forms_of(d.candidates)
    for d in docs:
        pipeline.extract_document(d, forms)
    return pipeline.resolve(docs), docs


def entity_named(entities, name):
    n = norm_label(name)
    hits = [e for e in entities.values() if n in {norm_label(x) for x in [e.label, *e.aliases]}]
    assert len(hits) == 1, f"{name}: {hits}"
    return hits[0]


def test_resolve_jiancheng_and_legal_suffix_merge(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline,
                            "武汉东湖高新区企业武汉光谷芯科技有限公司（以下简称“光谷芯”）成立于2019年。",
                            "光谷芯科技发布新品，光谷芯的订单增长。")
    e = entity_named(ents, "光谷芯")
    assert e.label == "武汉光谷芯科技有限公司"
    assert {"光谷芯", "光谷芯科技"} <= e.aliases


def test_resolve_bracket_variants_are_one_park(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "西安高新区(长安)发布新政。",
                            "西安高新区（长安）召开大会。西安高新区再创佳绩。")
    e = entity_named(ents, "西安高新区")
    assert e.label == "西安高新区（长安）"


def test_resolve_long_official_head_matches_short(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "潍坊高新技术产业开发区发布新政。潍坊高新区召开大会。")
    assert entity_named(ents, "潍坊高新区") is entity_named(ents, "潍坊高新技术产业开发区")


def test_resolve_abbreviated_lab_name(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "南京大学苏州研究院揭牌。", "南大苏州研究院的研究员介绍了成果。")
    assert entity_named(ents, "南大苏州研究院").label == "南京大学苏州研究院"


def test_resolve_places_with_and_without_level(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "成都是一座城市。成都市发布政策。")
    assert entity_named(ents, "成都") is entity_named(ents, "成都市")


def test_resolve_reference_counts_for_antecedent(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "合肥高新区召开大会。该高新区发布政策。")
    assert entity_named(ents, "合肥高新区").mention_count == 2


def test_resolve_iris_are_stable_across_corpus_order(rules_pipeline):
    a = "武汉光迅科技股份有限公司落户武汉东湖高新区。"
    b = "光谷实验室是由华中科技大学牵头的。"
    ents1, _ = resolve_texts(rules_pipeline, a, b)
    ents2, _ = resolve_texts(rules_pipeline, b, a)
    assert set(ents1) == set(ents2)


def test_resolve_no_label_on_two_entities(sample_build):
    seen = {}
    for e in sample_build.entities.values():
        for name in {norm_label(x) for x in [e.label, *e.aliases]}:
            assert name not in seen, (name, e.label, seen.get(name))
            seen[name] = e.label


@pytest.mark.parametrize("short, long, expected", [
    ("浙大滨江研究院", "浙江大学滨江研究院", True),
    ("北航杭州创新研究院", "北京航空航天大学杭州创新研究院", True),
    ("杭州研究院", "北京大学杭州研究院", False),
    ("浙大", "浙江大学", False),
])
def test_resolve_is_abbreviation(short, long, expected):
    assert is_abbreviation(short, long) is expected


def test_resolve_form_tables_add_up_in_any_order(sample_build, rules_pipeline):
    """Issue 4: documents are folded into the form table as they come from the workers, so the
    table (and the entities) must not depend on the order."""
    import random

    from parkgraph.extract.resolve import FormTable

    docs = sample_build.documents
    ordered = FormTable()
    for d in docs:
        ordered.update(FormTable().add_document(d))
    shuffled = FormTable()
    for d in random.Random(4).sample(docs, len(docs)):
        shuffled.update(FormTable().add_document(d))
    a, fa = rules_pipeline.resolve_table(ordered)
    b, fb = rules_pipeline.resolve_table(shuffled)
    assert fa == fb
    assert {k: (e.label, sorted(e.aliases), e.mention_count) for k, e in a.items()} == \
        {k: (e.label, sorted(e.aliases), e.mention_count) for k, e in b.items()}


def test_resolve_form_table_subtract_takes_a_document_out(sample_build, rules_pipeline):
    """Issue 4: a rebuild replaces a changed document's table in the corpus table; taking a
    table out must give the table of the other documents exactly, and resolve the same."""
    from parkgraph.extract.resolve import FormTable

    docs = sample_build.documents
    every = FormTable()
    for d in docs:
        every.update(FormTable().add_document(d))
    for gone in docs:
        rest = FormTable()
        for d in docs:
            if d is not gone:
                rest.update(FormTable().add_document(d))
        taken = FormTable()
        taken.update(every)
        taken.subtract(FormTable().add_document(gone))
        assert taken == rest
        assert rules_pipeline.resolve_table(taken)[1] == rules_pipeline.resolve_table(rest)[1]


def test_issue11_management_committees_of_two_parks_stay_apart(rules_pipeline):
    """Issue 11: stripping the place from 甲高新区管委会 leaves only heads; that is no key."""
    ents, _ = resolve_texts(rules_pipeline, "青川高新区管委会主任张明远出席。", "白塔高新区管委会副主任李文博介绍。")
    a, b = entity_named(ents, "青川高新区管委会"), entity_named(ents, "白塔高新区管委会")
    assert a is not b and a.cls == b.cls == "GovernmentBody"


def test_issue11_park_with_province_and_city_is_the_city_park(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "湖北省宜昌市高新区召开大会。", "宜昌高新区发布新政。")
    assert entity_named(ents, "宜昌高新区") is entity_named(ents, "湖北省宜昌市高新区")


def test_issue11_national_zone_with_province_is_the_city_zone(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "河北省青州国家高新技术产业开发区成立于1992年。", "青州高新区发布新政。")
    assert entity_named(ents, "青州高新区") is entity_named(ents, "河北省青州国家高新技术产业开发区")


def test_issue11_names_inside_projects_and_committees_are_entities(rules_pipeline):
    ents, _ = resolve_texts(rules_pipeline, "青州高新技术产业开发区管理委员会印发通知。")
    assert entity_named(ents, "青州高新技术产业开发区").cls == "Park"
