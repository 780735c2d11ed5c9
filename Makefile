# bounceback: `make run` starts the app, `make test` runs every check. Both set themselves up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench demo browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-install when a requirements file changes.
$(VENV)/.app: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.app

# The app's own modules compiled before it starts: on Python 3.11 a module compiled on the
# warm-up thread while Streamlit parses a page can fail ("AST constructor recursion depth
# mismatch", python/cpython#106905); a fresh clone has no .pyc files, so make them first.
COMPILE := $(BIN)/python -m compileall -q app.py app_pages bounceback components

run: $(VENV)/.app
	$(COMPILE)
	$(BIN)/streamlit run app.py --server.port $(PORT)

demo: $(VENV)/.app
	$(BIN)/python -m bounceback demo

# Browser tests drive Debian's Chromium; install it when we can (root with apt-get).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests."; \
	  fi; \
	fi

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.dev browser lint
	$(COMPILE)
	$(BIN)/python -m pytest

bench: $(VENV)/.dev
	$(COMPILE)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
