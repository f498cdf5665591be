"""The query pack: every stored query runs on the sample-corpus graph and returns the rows an
analyst expects."""

import pytest

from parkgraph.cli import main
from parkgraph.errors import InputError
from parkgraph.graph.query import format_rows, list_queries, load_query, open_store, run_query
from parkgraph.graph.rdf import union_graph

HZ = "杭州高新区（滨江）"


@pytest.fixture(scope="module")
def store(sample_build):
    return open_store(union_graph(sample_build.dataset))


def rows(store, query_name, **params):
    names, result = run_query(store, load_query(query_name), params)
    return [dict(zip(names, [v.value if v is not None else "" for v in r], strict=True)) for r in result]


def test_query_pack_has_a_dozen_documented_queries():
    qs = list_queries()
    assert len(qs) >= 12
    for q in qs:
        assert q.title and q.description, q.name


def test_query_park_hierarchy(store):
    got = {(r["parent"], r["park"]) for r in rows(store, "park-hierarchy")}
    assert {(HZ, "国际零磁科学谷"), (HZ, "中国数谷"), (HZ, "杭州高新区（滨江）物联网产业园")} <= got


def test_query_labs_per_park(store):
    got = {r["lab"]: r for r in rows(store, "labs-per-park")}
    assert got["白马湖实验室"]["ledBy"] == "浙能集团"
    assert got["白马湖实验室能源科技创新中心"]["park"] == HZ
    assert got["白马湖实验室能源科技创新中心"]["affiliatedWith"] == "白马湖实验室"
    builders = got["粤港澳大湾区创新疫苗技术产业转化中心"]["establishedBy"]
    assert set(builders.split("、")) == {"广州生物岛实验室", "一品红药业股份有限公司"}


def test_query_enterprises_per_park(store):
    got = {r["enterprise"]: r for r in rows(store, "enterprises-per-park")}
    yushu = got["杭州宇树科技有限公司"]
    assert yushu["park"] == HZ and yushu["founded"] == "2016"
    assert set(yushu["industries"].split("、")) == {"人形机器人", "四足机器人"}
    placed = {(r["enterprise"], r["park"]) for r in rows(store, "enterprises-per-park")}
    assert ("海康威视", HZ) in placed and ("海康威视", "杭州高新区（滨江）物联网产业园") in placed


def test_query_policies_per_park(store):
    got = {(r["implementer"], r["policy"]): int(r["sentences"]) for r in rows(store, "policies-per-park")}
    assert got[(HZ, "八八战略")] >= 3
    assert (("潍坊高新区", "潍坊高新区支持高质量发展若干政策")) in got


def test_query_people_roles(store):
    got = {(r["person"], r["title"], r["organization"], r["class"]) for r in rows(store, "people-roles")}
    assert ("郭寅", "创始人兼CEO", "易思维（杭州）科技有限公司", "Enterprise") in got
    assert ("杨斌", "副主任", "中国科学院科技战略咨询研究院中国高新区研究中心", "Lab") in got


def test_query_indicator_timeseries(store):
    got = {r["year"]: (float(r["value"]), float(r["growth"])) for r in rows(store, "indicator-timeseries")}
    assert got["2023"] == (246790000000.0, 8.0)
    assert got["2024"] == (288780000000.0, 5.0)
    assert got["2022"][0] == pytest.approx(218480000000.0)
    rd = rows(store, "indicator-timeseries", entity="国际滨", indicator="RDIntensity")
    assert ("2024", 9.1) in {(r["year"], float(r["value"])) for r in rd}


def test_query_compare_parks(store):
    got = rows(store, "compare-parks", indicator="GDP", year="2023")
    assert got[0]["entity"] == HZ and float(got[0]["value"]) == 246790000000.0 and got[0]["unit"] == "CNY"
    assert rows(store, "compare-parks", indicator="GDP", year="1999") == []


def test_query_entity_facts(store):
    got = {(r["subject"], r["property"], r["object"]) for r in rows(store, "entity-facts", name="白马湖实验室")}
    assert ("白马湖实验室", "ledBy", "浙能集团") in got
    assert ("白马湖实验室能源科技创新中心", "affiliatedWith", "白马湖实验室") in got
    assert all(r["sentence"] and r["document"].endswith(".txt") for r in rows(store, "entity-facts", name="宇树科技"))


def test_query_cooperation_network(store):
    got = {(r["a"], r["b"]) for r in rows(store, "cooperation-network")}
    assert ("内蒙古北科交大机器人有限公司", "包头江馨微电机科技有限公司") in got
    assert all(a < b for a, b in got)


def test_query_most_mentioned(store):
    got = rows(store, "most-mentioned")
    parks = [r for r in got if r["class"] == "Park"]
    assert parks[0]["entity"] == HZ and len(parks) <= 5 + 1  # ties may add one


def test_query_document_contribution(store):
    got = rows(store, "document-contribution", document="004_7ba3bcd1ecf2bdfd.txt")
    assert ("泰州医药高新区（高港区）", "GDP") in {(r["subject"], r["property"]) for r in got}
    assert ("白马湖实验室", "ledBy", "浙能集团") not in {(r["subject"], r["property"], r["object"]) for r in got}


def test_query_single_source_facts(store):
    got = {(r["subject"], r["property"], r["object"]) for r in rows(store, "single-source-facts")}
    assert ("白马湖实验室", "ledBy", "浙能集团") in got
    assert (HZ, "implements", "八八战略") not in got  # said in several articles


def test_query_founding_years_and_awards(store):
    assert ("杭州宇树科技有限公司", "2016") in {(r["entity"], r["year"]) for r in rows(store, "founding-years")}
    assert (HZ, "浙江制造天工鼎") in {(r["recipient"], r["award"]) for r in rows(store, "awards")}


def test_query_graph_summary(store, sample_build):
    got = {(r["kind"], r["name"]): int(r["count"]) for r in rows(store, "graph-summary")}
    parks = sum(1 for e in sample_build.entities.values() if e.cls == "Park")
    assert got[("class", "Park")] == parks


def test_query_unknown_parameter_and_query_are_clear_errors(store):
    with pytest.raises(InputError, match="unknown parameter colour"):
        run_query(store, load_query("compare-parks"), {"colour": "red"})
    with pytest.raises(InputError, match="stored queries: awards"):
        load_query("no-such-query")


def test_query_formats():
    names = ["a", "b"]
    data = [["杭州", "1"]]
    assert format_rows(names, data, "csv") == "a,b\n杭州,1"
    assert format_rows(names, data, "tsv") == "a\tb\n杭州\t1"
    assert format_rows(names, data, "json") == '[\n {\n  "a": "杭州",\n  "b": "1"\n }\n]'
    assert format_rows(names, data, "table").endswith("(1 row)")


def test_query_cli(sample_graph_file, capsys):
    assert main(["query", "--list"]) == 0
    assert "park-hierarchy" in capsys.readouterr().out
    assert main(["query", "compare-parks", str(sample_graph_file), "--param", "year=2024", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "entity,class,value,unit,growth" and HZ in out
    assert main(["query", "compare-parks", str(sample_graph_file), "--param", "year"]) == 2
