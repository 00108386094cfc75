# Two commands do all the set-up on a fresh machine:
#   make demo   venv + install + offline base + fine-tune NER and stance + predict a sample article
#   make test   venv + install + the test suite
VENV ?= .venv
PY := $(VENV)/bin/python
# Where torch comes from: PyPI by default (its Linux wheel bundles CUDA, several GB with its libraries); on a
# machine without an NVIDIA GPU, `make demo TORCH_INDEX=https://download.pytorch.org/whl/cpu` takes the CPU build.
TORCH_INDEX ?=

.PHONY: install demo test lint

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0 $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(PY) -m pip install --quiet -e ".[offline,dev,onnx,report]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) scripts/demo.py

test: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m ruff check src tests scripts
