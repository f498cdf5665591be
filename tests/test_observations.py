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


def facts(pipeline, text):
    doc = process(pipeline, text)
    return [(o.entity.name, o.indicator, o.year, o.value, o.unit, o.months) for o in doc.observations]


@pytest.mark.parametrize("text, expected", [
    # the many ways news names an indicator
    ("2023年，星河高新区实现主营业务收入820亿元。", ("星河高新区", "Revenue", 2023, 8.2e10, "CNY", None)),
    ("2023年，星河高新区完成销售收入82亿元。", ("星河高新区", "Revenue", 2023, 8.2e9, "CNY", None)),
    ("2023年，星河高新区营收突破900亿元。", ("星河高新区", "Revenue", 2023, 9e10, "CNY", None)),
    ("2023年，星河高新区实现技工贸总收入1500亿元。", ("星河高新区", "Revenue", 2023, 1.5e11, "CNY", None)),
    ("2023年，星河高新区规上工业产值达到650亿元。", ("星河高新区", "IndustrialOutput", 2023, 6.5e10, "CNY", None)),
    ("2023年，星河高新区工业总产值达到650亿元。", ("星河高新区", "IndustrialOutput", 2023, 6.5e10, "CNY", None)),
    ("2023年，星河高新区工业增加值达到150亿元。", ("星河高新区", "IndustrialValueAdded", 2023, 1.5e10, "CNY", None)),
    ("2023年，星河高新区完成固投120亿元。", ("星河高新区", "FixedAssetInvestment", 2023, 1.2e10, "CNY", None)),
    ("2023年，星河高新区全年实际到位外资1.6亿美元。",
     ("星河高新区", "ForeignInvestmentUtilized", 2023, 1.6e8, "USD", None)),
    ("2023年，星河高新区全社会研发经费支出占地区生产总值比重达到4.2%。",
     ("星河高新区", "RDIntensity", 2023, 4.2, "Percent", None)),
    ("2023年，星河高新区每万人口发明专利拥有量85件。",
     ("星河高新区", "InventionPatentsPer10k", 2023, 85.0, "Count", None)),
    ("2023年，星河高新区技术合同成交金额30亿元。", ("星河高新区", "TechTransactionVolume", 2023, 3e9, "CNY", None)),
    ("2023年，星河高新区高新技术企业达到1,250家。", ("星河高新区", "HighTechEnterprises", 2023, 1250.0, "Count", None)),
    ("2023年，星河高新区新登记市场主体6500家。", ("星河高新区", "NewEnterprises", 2023, 6500.0, "Count", None)),
    ("星河高新区召开大会。同时，上半年新引进项目40个，星河智造项目总投资32亿。",
     ("星河智造项目", "TotalInvestment", None, 3.2e9, "CNY", None)),
])
def test_indicator_phrasings(rules_pipeline, text, expected):
    got = facts(rules_pipeline, text)
    assert any(g[:3] == expected[:3] and g[3] == pytest.approx(expected[3]) and g[4:] == expected[4:] for g in got), got


@pytest.mark.parametrize("text, expected", [
    ("发布时间：2024-08-20\n今年上半年，星河高新区实现营业收入820亿元，同比增长9.5%。", (2024, 6)),
    ("发布时间：2024-08-20\n今年1-7月，星河高新区完成规上工业总产值300亿元。", (2024, 7)),
    ("星河高新区2023年前三季度完成固定资产投资120亿元。", (2023, 9)),
    ("发布时间：2024-05-06\n一季度，星河高新区实现地区生产总值210亿元。", (2024, 3)),
    ("今年1至10月，星河高新区实现营业收入1000亿元。", (None, 10)),             # undated: no year
    ("发布时间：2024-03-01\n去年，星河高新区实现地区生产总值900亿元，比上年增长5%。", (2023, None)),
    ("2023年，星河高新区实现地区生产总值900亿元，比去年增长5%。", (2023, None)),
])
def test_observation_period(rules_pipeline, text, expected):
    got = facts(rules_pipeline, text)
    assert [(g[2], g[5]) for g in got] == [expected]


def test_stock_and_project_size_carry_no_months(rules_pipeline):
    got = facts(rules_pipeline, "上半年，星河高新区高新技术企业达到350家。上半年，星河智造项目总投资32亿元。")
    assert {(g[1], g[5]) for g in got} == {("HighTechEnterprises", None), ("TotalInvestment", None)}


@pytest.mark.parametrize("text, expected", [
    # a project's size goes to the project it sizes, not to the sentence's first name
    ("星河高新区与青岚集团签约投资20亿元的青岚智能装备生产基地项目。", "青岚智能装备生产基地项目"),
    ("星河高新区召开大会，青岚智能装备生产基地项目总投资20亿元，占地300亩。", "青岚智能装备生产基地项目"),
    ("星河高新区召开大会。青岚实业计划投资10亿元建设青岚新材料产业园。", "青岚新材料产业园"),
    # other figures: the enterprise or place named before the figure, else the park in focus
    ("星河高新区召开大会。2023年，蓝岸科技有限公司实现销售收入12亿元，同比增长30%。", "蓝岸科技有限公司"),
    ("星河高新区召开大会。2023年，全区实现地区生产总值500亿元。", "星河高新区"),
    ("星河高新区召开大会。2023年，全区1200家规上工业企业实现营业收入5000亿元。", "星河高新区"),
    ("星河高新区召开大会。星河智造项目投资12亿元，建设智能装备生产线。", "星河智造项目"),
    ("星河高新区召开大会。在全国56家综合保税区中排名第8；实际利用外资2亿美元。", "星河高新区"),
])
def test_observation_entity(rules_pipeline, text, expected):
    got = facts(rules_pipeline, text)
    assert [g[0] for g in got] == [expected], got


def test_subject_handed_on_across_semicolons(rules_pipeline):
    got = facts(rules_pipeline, "星河高新区召开大会。2023年，江宁区完成地区生产总值500亿元，增长6%；"
                                "固定资产投资230亿元，增长20%。")
    assert [(g[0], g[1]) for g in got] == [("江宁区", "GDP"), ("江宁区", "FixedAssetInvestment")]


def test_growth_forms(rules_pipeline):
    doc = process(rules_pipeline, "2023年，星河高新区实现营业收入820亿元，增速达9.5%；"
                                  "完成固定资产投资100亿元，同比下降3%。")
    assert [o.growth for o in doc.observations] == [9.5, -3.0]


@pytest.mark.parametrize("text", [
    "2024年二季度，星河高新区实现主营业务收入50亿元。",              # a period not from January
    "10月份，全区实现规上工业总产值40亿元。",
    "2023年，星河高新区年均新增各类人才1.2万人。",                  # an average
    "星河高新区累计实现销售收入900亿元。",                          # a total over years
    "2023年，两家企业完成销售收入11亿元。",                          # an unnamed group
    "星河高新区签约项目12个，总投资85亿元。",
    "当天，12个总投资60亿元的项目集中开工。",
    "星河高新区集中签约18个产业项目涉及多个领域总投资380亿",
    "2023年，星河高新区规上服务重点行业营收增长12%，汽车产业产值300亿元。",   # a sector
    "2023年，全区工业固投80亿元，民间投资50亿元。",                 # a narrower measure
    "2023年，星河高新区合同利用外资5亿美元。",
    "公司负责人介绍，今年以来企业订单饱满，截至目前销售额约为2亿元。",  # an unnamed company
    "青岚集团投资26亿元的核级材料研发及检测基地落户园区。",        # the sized noun is not a named project
    "星河智造项目建成后年产值可达50亿元。",                          # an estimate
    "星河智造项目一期投资10亿元。",                                   # a phase, not the total
    "2023年，营业收入1000万元以上企业达50家。",                      # a figure qualifying a noun
    "2023年，全区限上商品销售额300亿元。",                            # retail trade, not revenue
    "2023年，园区投资10亿元建设基础设施。",                            # a bare 投资 sizes only a project
    "2023年，全市实现地区生产总值3000亿元。",                          # a city, not the park in focus
])
def test_observations_left_out_by_kind(rules_pipeline, text):
    assert facts(rules_pipeline, "星河高新区召开大会。" + text) == []
