# spacemine: `make demo` and `make test` set up everything on a fresh machine (Python 3.11+ and make).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed

.PHONY: install demo demo-reset test bench run constraints clean-venv

install: $(STAMP)

# The venv is (re)built when pyproject.toml or the constraints change. uv installs the pinned
# set in seconds; if uv cannot be installed, pip does the same job, more slowly.
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "spacemine needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing spacemine and its pinned dependencies into $(VENV) ..."
	@if $(BIN)/python -m pip install -q "uv==$(UV_VERSION)"; then \
	    VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install -q --python $(BIN)/python -c constraints.txt -e ".[test]"; \
	else \
	    $(BIN)/python -m pip install -q -c constraints.txt -e ".[test]"; \
	fi
	@touch $(STAMP)

demo: install
	$(BIN)/spacemine demo

# Start over: removes the demo's warehouse, outbox, digests and Airflow metadata.
demo-reset: install
	$(BIN)/spacemine reset --yes

run: install
	$(BIN)/spacemine run

test: install
	$(BIN)/python -m pytest -q

# Speed goals as ratios measured side by side in one run (see benchmarks/); the table is also
# written to benchmarks/results/latest.md. `$(BIN)/python -m benchmarks --quick` is a smoke run.
bench: install
	$(BIN)/python -m benchmarks

# Regenerate the pinned set (needs the package registry). Resolves for every Python >= 3.11.
constraints:
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	    --no-header --output-file constraints.txt
	@sed -i '1i # spacemine constraints: the whole resolved dependency set (Airflow convention).\n# Regenerate with `make constraints`; install with `make install`.' constraints.txt

clean-venv:
	rm -rf $(VENV)
