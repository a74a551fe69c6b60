# make build: create .venv on first use, install ssg, build the sample archive into site/
# make test:  install the test dependencies and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build serve test golden bench clean

$(BIN)/ssg: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/ssg pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# Node tools the tests run (the Nu HTML Checker, axe-core). Skipped when npm is missing:
# those tests then skip, or fail under SSG_STRICT=1.
node_modules/.package-lock.json: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm not found: skipping node tools"; fi

build: $(BIN)/ssg
	$(BIN)/ssg build

serve: $(BIN)/ssg
	$(BIN)/ssg serve

test: $(VENV)/.test-deps node_modules/.package-lock.json
	$(BIN)/ruff check ssg tests
	$(BIN)/python -m pytest -q -rs

# Rewrite the expected output of the golden test after an intended change.
golden: $(VENV)/.test-deps
	$(BIN)/python -m pytest -q tests/e2e/test_build_golden.py --update-golden

# Side by side with Hugo, Pelican and Eleventy; writes benchmarks/RESULTS.md (see benchmarks/README.md).
bench: $(BIN)/ssg
	bash benchmarks/install_peers.sh
	python3 benchmarks/run.py --sizes 1000,10000,100000

clean:
	rm -rf site .ssg-cache
