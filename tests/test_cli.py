"""The command line: exit codes, summaries, clear errors, atomic output."""

import pytest

from parkgraph.cli import main

from conftest import CORPUS


def test_cli_build_writes_graph_and_prints_summary(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["build", str(CORPUS), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "5 documents" in text and "entities:" in text and " s" in text
    assert out.stat().st_size > 10000


def test_cli_build_single_files_and_no_lexicon(tmp_path, capsys):
    out = tmp_path / "g.nt"
    files = sorted(CORPUS.glob("*.txt"))[:2]
    assert main(["build", *map(str, files), "-o", str(out), "--no-lexicon"]) == 0
    assert "2 documents" in capsys.readouterr().out


def test_cli_build_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "g.ttl")]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "no such file" in err
    assert not (tmp_path / "g.ttl").exists()


def test_cli_build_unknown_output_format(tmp_path, capsys):
    assert main(["build", str(CORPUS), "-o", str(tmp_path / "g.xyz")]) == 2
    assert "unknown graph format" in capsys.readouterr().err


def test_cli_build_never_leaves_a_half_written_graph(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    out.write_text("previous graph", encoding="utf-8")
    bad = tmp_path / "corpus"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"\x81\x30\x00\x01\x02 not text \x03\x04\x05\x06")
    assert main(["build", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "a.txt" in err and "nothing was written" in err
    assert out.read_text(encoding="utf-8") == "previous graph"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".g.ttl")] == []


def test_cli_build_bad_lexicon_names_the_file(tmp_path, capsys):
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "x.jsonl").write_text('{"label": "甲", "class": "Company"}\n', encoding="utf-8")
    assert main(["build", str(CORPUS), "-o", str(tmp_path / "g.ttl"), "--lexicon", str(lex)]) == 2
    err = capsys.readouterr().err
    assert "x.jsonl" in err and "unknown class" in err


@pytest.mark.parametrize("command", ["build", "eval"])
def test_cli_help_has_examples(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    assert "examples:" in capsys.readouterr().out


def test_cli_reference_in_docs_is_current():
    from parkgraph.clidoc import reference

    from conftest import ROOT

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), \
        "docs/cli.md is stale: run python -m parkgraph.clidoc > docs/cli.md"


@pytest.mark.parametrize("command", ["validate", "query", "export", "check", "stats", "explain"])
def test_cli_every_command_has_examples(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "examples:" in capsys.readouterr().out


def test_cli_stats_and_explain(sample_graph_file, capsys):
    assert main(["stats", str(sample_graph_file)]) == 0
    out = capsys.readouterr().out
    assert "5 documents" in out and "杭州高新区（滨江）  [Park]" in out and "more than one source" in out
    assert main(["explain", str(sample_graph_file), "宇树科技"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("杭州宇树科技有限公司  [Enterprise]")
    assert "杭州宇树科技有限公司 foundingYear 2016" in out and "pattern:foundingYear" in out
    assert "recognised by: lexicon" in out  # which recogniser found it
    assert main(["explain", str(sample_graph_file), "白马湖"]) == 1
    assert "did you mean: 白马湖实验室" in capsys.readouterr().err
