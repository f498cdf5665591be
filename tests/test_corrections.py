"""Analysts' corrections in data files: add, alias, merge, block, retype."""

import json

import pytest

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.corrections import load_corrections
from parkgraph.errors import CorrectionError
from parkgraph.extract.resolve import norm_label
from parkgraph.graph.rdf import union_graph


def build_with(tmp_path, rows, text):
    cdir = tmp_path / "corrections"
    cdir.mkdir()
    (cdir / "fix.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    result = Pipeline(BuildOptions(use_lexicon=False, corrections_dir=str(cdir))).build([corpus])
    return result


def find(result, name):
    n = norm_label(name)
    return [e for e in result.entities.values() if n in {norm_label(x) for x in [e.label, *e.aliases]}]


TEXT = "北科交大机器人与包头稀土高新区签署合作协议。链主企业纷纷入驻。南部科创中心揭牌。"


def test_corrections_add_entity_with_aliases_and_source(tmp_path):
    r = build_with(tmp_path, [{"action": "add", "label": "内蒙古北科交大机器人有限公司", "class": "Enterprise",
                               "aliases": ["北科交大机器人"]}], TEXT)
    [e] = find(r, "北科交大机器人")
    assert e.label == "内蒙古北科交大机器人有限公司" and e.cls == "Enterprise"
    assert e.corrections == ["correction:fix.jsonl#1"]
    g = union_graph(r.dataset)
    from parkgraph.graph.vocab import PG, PGR
    assert (PGR[e.key], PG.correctedBy, None) in g


def test_corrections_block_and_retype(tmp_path):
    r = build_with(tmp_path, [{"action": "block", "label": "包头稀土高新区"},
                              {"action": "add", "label": "南部科创中心", "class": "Lab"},
                              {"action": "retype", "label": "南部科创中心", "class": "Park"}], TEXT)
    assert find(r, "包头稀土高新区") == []
    [e] = find(r, "南部科创中心")
    assert e.cls == "Park"


def test_corrections_merge_two_entities(tmp_path):
    text = "天和磁材发展良好。包头天和磁材有限公司扩大生产。"
    r = build_with(tmp_path, [{"action": "add", "label": "天和磁材", "class": "Enterprise"},
                              {"action": "merge", "labels": ["天和磁材", "包头天和磁材有限公司"]}], text)
    [e] = find(r, "天和磁材")
    assert e.label == "天和磁材" and "包头天和磁材有限公司" in e.aliases


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not valid JSON"),
    ('{"action": "rename", "label": "x"}', "'action' must be one of"),
    ('{"action": "add", "label": "x"}', "needs a 'class'"),
    ('{"action": "add", "label": "x", "class": "Company"}', "unknown class"),
    ('{"action": "merge", "labels": ["x"]}', "two or more"),
])
def test_corrections_bad_lines_name_file_and_line(tmp_path, line, problem):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"action": "block", "label": "ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CorrectionError) as e:
        load_corrections(tmp_path)
    assert "bad.jsonl, line 2" in str(e.value) and problem in str(e.value)
