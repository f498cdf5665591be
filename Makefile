# parkgraph — the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PG     := $(VENV)/bin/parkgraph
OUT    ?= out

.PHONY: demo test lint bench clean ontology

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(PG) build data/corpus -o $(OUT)/graph.ttl
	$(PG) validate $(OUT)/graph.ttl --corpus data/corpus
	$(PG) query park-hierarchy $(OUT)/graph.ttl
	$(PG) query indicator-timeseries $(OUT)/graph.ttl --param entity=杭州高新区（滨江） --param indicator=GDP
	$(PG) export $(OUT)/graph.ttl -o $(OUT)/graph.gexf
	@echo "Open $(OUT)/graph.gexf in Gephi; the graph is $(OUT)/graph.ttl"

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests tools benchmarks

ontology: $(VENV)/.installed
	$(PY) tools/make_ontology.py

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

clean:
	rm -rf $(OUT) .pytest_cache
