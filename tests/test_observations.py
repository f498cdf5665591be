"""Statistical observations: indicator, entity, year, value in base units, unit, growth."""

import pytest

from conftest import process


def observations(pipeline, text):
    doc = process(pipeline, text)
    return [(o.entity.name, o.indicator, o.year, o.value, o.unit, o.growth) for o in doc.observations]


@pytest.mark.parametrize("text, expected", [
    ("2024年，宁波高新区实现地区生产总值（GDP）980.5亿元，同比增长6.1%。",
     ("宁波高新区", "GDP", 2024, 98050000000.0, "CNY", 6.1)),
    ("2024年，宁波高新区规模以上工业增加值320亿元，同比增长8.2%；完成固定资产投资150.3亿元。",
     ("宁波高新区", "FixedAssetInvestment", 2024, 15030000000.0, "CNY", None)),
    ("2023年，合肥高新区新增发明专利授权量5120件，实际利用外资3.2亿美元。",
     ("合肥高新区", "ForeignInvestmentUtilized", 2023, 320000000.0, "USD", None)),
    ("2023年，合肥高新区新增发明专利授权量5120件，实际利用外资3.2亿美元。",
     ("合肥高新区", "InventionPatentsGranted", 2023, 5120.0, "Count", None)),
    ("2024年，成都高新区R&D经费投入强度达7.5%，新引进35周岁以下大学生2.1万人。",
     ("成都高新区", "GraduateInflow", 2024, 21000.0, "Count", None)),
    ("2024年，成都高新区R&D经费投入强度达7.5%，新引进35周岁以下大学生2.1万人。",
     ("成都高新区", "RDIntensity", 2024, 7.5, "Percent", None)),
])
def test_observations_extracted(rules_pipeline, text, expected):
    got = observations(rules_pipeline, text)
    assert any(g[:5] == expected[:5] and abs(g[3] - expected[3]) < 1e-6 and g[5] == expected[5] for g in got), got


def test_observations_year_from_paragraph_context(rules_pipeline):
    got = observations(rules_pipeline, "2022年是关键之年。西安高新区全年实现地区生产总值2500亿元。")
    assert got[0][1:3] == ("GDP", 2022)


def test_observations_last_year_needs_a_dated_document(rules_pipeline):
    got = observations(rules_pipeline, "去年，西安高新区实现地区生产总值2500亿元，增长6%。")
    assert got[0][2] is None and got[0][5] == 6.0
    dated = observations(rules_pipeline, "2024年3月5日讯 去年，西安高新区实现地区生产总值2500亿元，增长6%。")
    assert dated[0][2] == 2023


def test_observations_topic_park_when_sentence_has_none(rules_pipeline):
    got = observations(rules_pipeline, "西安高新区召开大会。2023年，全区实现地区生产总值2500亿元。")
    assert got[0][:2] == ("西安高新区", "GDP")


@pytest.mark.parametrize("text", [
    "2023年，西安高新区预计完成技术交易额500亿元。",         # an estimate
    "2023年，西安高新区力争地区生产总值突破3000亿元。",       # a target
    "当年内部研发投入强度达5%企业的营收合计占比位居全国第二。",  # a figure qualifying a noun
    "2023年，西安高新区新增上市公司3家。",                     # a flow, not the total
    "新能源产业实现营业收入457.1亿元、同比增长46.8%。",       # about an industry
])
def test_observations_leave_out_estimates_targets_and_other_figures(rules_pipeline, text):
    assert observations(rules_pipeline, "西安高新区召开大会。" + text) == []


def test_observations_total_investment_belongs_to_named_project(rules_pipeline):
    got = observations(rules_pipeline, "桂林七星区顺利签约总投资100亿元的格力电器（桂林）智能制造生产基地。")
    assert got == [("格力电器（桂林）智能制造生产基地", "TotalInvestment", None, 1e10, "CNY", None)]
