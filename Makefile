# PolicyKG: `make demo` builds the bundled sample policies into output/; `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install system-deps viz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

demo: install
	$(BIN)/policykg build examples --out output
	$(BIN)/policykg viz --out output

# Chromium + chromedriver for the browser tests, Java for the HermiT reasoner, a CJK font so pages
# and screenshots show Japanese (Debian packages).
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v java >/dev/null \
	    || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
	    default-jre-headless fonts-noto-cjk fontconfig >/dev/null; \
	fi

test: install system-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf output/store output/*.nq output/*.ttl output/viz output/export output/eval
