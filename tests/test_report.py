"""The HTML explorer, tested in a real headless Chromium (Debian's chromium, driven by Playwright)."""

import shutil
from pathlib import Path

import pytest

from parkgraph.cli import main
from parkgraph.report import find_cytoscape, sparkline

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, sample_graph_file):
    try:
        find_cytoscape()
    except Exception as e:  # the bundle comes from `npm ci`, which `make test` runs
        pytest.skip(f"cytoscape is not installed: {e}")
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(sample_graph_file), "-o", str(out)]) == 0
    return out


def test_report_is_one_self_contained_file(report_file):
    html = report_file.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link rel=\"stylesheet\"" not in html
    assert "http://" not in html.split("<script>")[0]  # no external resources before the inlined scripts
    assert "cytoscape" in html and "白马湖实验室" in html and "Indicators by year" in html


def test_report_sparkline_draws_points_by_year():
    svg = sparkline([{"year": "2022", "value": 2.18e11}, {"year": "2024", "value": 2.89e11},
                     {"year": "", "value": 1.0}])
    assert svg.count("<circle") == 2 and "2022" in svg and "2024" in svg and "2890亿" in svg


def test_report_missing_cytoscape_is_a_clear_error(tmp_path, sample_graph_file, capsys):
    assert main(["report", str(sample_graph_file), "-o", str(tmp_path / "r.html"),
                 "--cytoscape", str(tmp_path / "nope.js")]) == 2
    assert "npm ci" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_in_headless_chromium(report_file, sample_build, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(Path(report_file).resolve().as_uri())
        page.wait_for_function("window.cy && window.cy.nodes().length > 0")
        assert errors == []
        assert page.evaluate("cy.nodes().length") == len(sample_build.entities)
        # search finds the lab and its panel shows the sentence that says who leads it
        page.fill("#search", "白马湖实验室")
        page.press("#search", "Enter")
        page.wait_for_selector("#panel h2")
        assert page.inner_text("#panel h2") == "白马湖实验室"
        panel = page.inner_text("#panel")
        assert "ledBy" in panel and "浙能集团" in panel and "白马湖实验室是由浙能集团牵头" in panel
        # an alias finds its entity too
        page.fill("#search", "宇树科技")
        page.press("#search", "Enter")
        page.wait_for_function("document.querySelector('#panel h2').textContent === '杭州宇树科技有限公司'")
        # filtering a class hides its nodes
        page.uncheck("input.cls[value=Industry]")
        hidden = page.evaluate("cy.nodes().filter(n => n.style('display') === 'none').length")
        assert hidden == sum(1 for e in sample_build.entities.values() if e.cls == "Industry")
        page.screenshot(path=str(tmp_path / "report.png"))
        assert errors == []
        browser.close()
