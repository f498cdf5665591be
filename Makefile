# parkgraph — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PG     := $(VENV)/bin/parkgraph
OUT    ?= out

.PHONY: demo test lint bench clean ontology docs

# cytoscape for the HTML report comes from the npm registry (package-lock.json); without npm the
# report and its browser test are skipped with a clear reason
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: parkgraph report needs cytoscape (install Node.js and run npm ci)"; fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed node_modules/.package-lock.json
	$(PG) build data/corpus -o $(OUT)/graph.ttl
	$(PG) validate $(OUT)/graph.ttl --corpus data/corpus
	$(PG) query park-hierarchy $(OUT)/graph.ttl
	$(PG) query indicator-timeseries $(OUT)/graph.ttl --param entity=杭州高新区（滨江） --param indicator=GDP
	$(PG) export $(OUT)/graph.ttl -o $(OUT)/graph.gexf
	$(PG) report $(OUT)/graph.ttl -o $(OUT)/report.html
	@echo "The graph is $(OUT)/graph.ttl; open $(OUT)/graph.gexf in Gephi and $(CURDIR)/$(OUT)/report.html in a browser"

test: $(VENV)/.installed node_modules/.package-lock.json
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests tools benchmarks

ontology: $(VENV)/.installed
	$(PY) tools/make_ontology.py

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py --n $${BENCH_N:-2000}

docs: $(VENV)/.installed
	$(PY) -m parkgraph.clidoc > docs/cli.md
	$(PY) tools/make_ontology.py

clean:
	rm -rf $(OUT) .pytest_cache
