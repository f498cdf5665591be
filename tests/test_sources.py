"""Input as users have it: encodings, formats, metadata, and files that cannot be read."""

import json

import pytest

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.cli import main
from parkgraph.document import Document
from parkgraph.read.sources import Skipped, read_corpus

from conftest import names

ARTICLE = ("合肥高新区企业合肥量子科技有限公司近日发布新品。2023年，合肥高新区实现地区生产总值1200亿元，同比增长6.5%。"
           "合肥量子科技有限公司董事长王明表示，将继续加大研发投入。")


def docs_and_skips(tmp_path):
    items = list(read_corpus([tmp_path]))
    return [i for i in items if isinstance(i, Document)], {i.path: i.reason for i in items if isinstance(i, Skipped)}


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b""),
])
def test_sources_encodings(tmp_path, encoding, prefix):
    (tmp_path / "a.txt").write_bytes(prefix + ARTICLE.encode(encoding))
    docs, skipped = docs_and_skips(tmp_path)
    assert skipped == {} and docs[0].raw == ARTICLE


def test_sources_undecodable_file_names_what_was_tried(tmp_path):
    (tmp_path / "a.txt").write_bytes("合肥".encode() + bytes(range(0x80, 0xa0)) * 3)
    _, skipped = docs_and_skips(tmp_path)
    assert "UTF-8" in skipped["a.txt"] and "GB18030" in skipped["a.txt"]


def test_sources_html_article_without_boilerplate(tmp_path):
    html = f"""<html><head><title>合肥高新区发布新品</title>
<meta name="date" content="2024-03-05"><link rel="canonical" href="https://news.example.cn/a/1.html">
<script>var tracking = "合肥高新区广告脚本";</script></head>
<body><nav><a href="/">首页</a> | <a href="/news">新闻中心</a> | 联系我们</nav>
<article><h1>合肥高新区发布新品</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>
<footer>版权所有 © 某某网 京ICP备12345号</footer></body></html>"""
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    docs, skipped = docs_and_skips(tmp_path)
    assert skipped == {}
    d = docs[0]
    assert "合肥量子科技有限公司" in d.raw and "tracking" not in d.raw and "版权所有" not in d.raw
    assert d.title == "合肥高新区发布新品" and d.date == "2024-03-05"
    assert d.url == "https://news.example.cn/a/1.html"


def test_sources_pdf_newspaper_page(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "a.pdf"))
    c.setFont("STSong-Light", 12)
    text = ARTICLE * 2
    for i, start in enumerate(range(0, len(text), 18)):  # a newspaper column, 18 characters wide
        c.drawString(50, 800 - 18 * i, text[start:start + 18])
    c.save()
    docs, skipped = docs_and_skips(tmp_path)
    assert skipped == {}
    doc = Pipeline(BuildOptions(use_lexicon=False)).process_document(docs[0])
    assert "合肥量子科技有限公司" in names(doc, "Enterprise")
    assert ("合肥高新区", "GDP", 2023) in {(o.entity.name, o.indicator, o.year) for o in doc.observations}


def test_sources_jsonl_corpus_with_metadata(tmp_path):
    rows = [{"id": "n1", "title": "合肥新闻", "date": "2024年3月5日", "text": ARTICLE, "url": "https://x.cn/1"},
            {"id": "n2", "text": ARTICLE.replace("合肥", "芜湖")},
            {"id": "n3", "title": "空"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{bad",
                                      encoding="utf-8")
    docs, skipped = docs_and_skips(tmp_path)
    assert [d.path for d in docs] == ["c.jsonl#n1", "c.jsonl#n2"]
    assert (docs[0].title, docs[0].date, docs[0].url) == ("合肥新闻", "2024-03-05", "https://x.cn/1")
    assert "no 'text'" in skipped["c.jsonl#L3"] and "not valid JSON" in skipped["c.jsonl#L4"]


def test_sources_problem_files_are_reported_and_the_rest_builds(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "big.md").write_text(ARTICLE * 10, encoding="utf-8")
    (tmp_path / "fake.pdf").write_text("not a pdf", encoding="utf-8")
    items = list(read_corpus([tmp_path], max_bytes=1000))
    skipped = {i.path: i.reason for i in items if isinstance(i, Skipped)}
    assert skipped["empty.txt"] == "empty"
    assert skipped["image.txt"] == "binary, not text"
    assert skipped["big.md"].startswith("larger than the size limit")
    assert skipped["fake.pdf"].startswith("not a PDF")
    assert skipped["good.txt"] == "duplicate of copy.txt (same content)"
    assert [i.path for i in items if isinstance(i, Document)] == ["copy.txt"]


def test_sources_unreadable_file(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    _, skipped = docs_and_skips(tmp_path)
    assert skipped["a.txt"] == "unreadable (Permission denied)"


def test_sources_traditional_chinese_matches_rules_and_keeps_original_evidence(rules_pipeline):
    text = "合肥高新區企業合肥量子科技有限公司近日發布新品。2023年，合肥高新區實現地區生產總值1200億元，同比增長6.5%。"
    doc = rules_pipeline.process_document(Document("t.txt", text))
    assert doc.original is not None and doc.text.startswith("合肥高新区企业")
    assert "合肥量子科技有限公司" in names(doc, "Enterprise") and "合肥高新区" in names(doc, "Park")
    f = next(f for f in doc.relations if f.predicate == "locatedIn")
    assert f.sentence.text == "合肥高新區企業合肥量子科技有限公司近日發布新品。"
    assert doc.display_text[f.sentence.start:f.sentence.end] == f.sentence.text


def test_cli_exit_codes_for_skipped_files(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(corpus), "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert "skipped 1 file: 1 empty" in err and "empty.txt: empty" in err
    assert out.exists()
    out.unlink()
    assert main(["build", str(corpus), "-o", str(out), "--strict"]) == 2
    assert "empty.txt" in capsys.readouterr().err and not out.exists()
    (corpus / "empty.txt").unlink()
    assert main(["build", str(corpus), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().out == ""
