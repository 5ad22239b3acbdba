# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test bench eval train screenshots browser lint clean

# (Re)install when the venv is missing or pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/claimdiff

# The HTML export is checked in headless Chromium (Debian's package); install it when we can.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "note: chromium not installed; the HTML rendering test will be skipped"; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Bytecode first, as an installed wheel has it: with PYTHONDONTWRITEBYTECODE set in the shell,
# an editable checkout would otherwise compile every module in every process (~70 ms a start).
bench: $(STAMP)
	$(BIN)/python -m compileall -q tui
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_batch

# Fit the learned ranker (tui/engine/align/ranker.npz), then the decision (tui/engine/judge/decision.npz), from ../shared/data/factcheck-dev;
# deterministic, about 5 minutes on 2 cores. Not part of CI: a test trains on a tiny subset twice.
train: $(STAMP)
	$(BIN)/python -m tools.train_rank
	$(BIN)/python -m tools.train

eval: $(STAMP)
	$(BIN)/python -m tests.evaluate

screenshots: $(STAMP) browser
	$(BIN)/python -m tests.make_screenshots
	$(BIN)/python -m tests.make_export_screenshot

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check tui tests
	$(BIN)/mypy --strict tui/engine
	$(BIN)/mypy tui

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
