"""Determinism: every notebook run twice gives the same outputs, text and image bytes alike.

Each notebook runs twice, each time in a fresh kernel (the two runs of a notebook side by side,
one per core: a result that depends on timing or load shows up too). Only what is meant to differ
between two runs is masked: memory addresses (``<object at 0x7f...>``) and the ids ipywidgets
gives its models. A difference means some randomness is not seeded, or some output depends on
time. (The book's own executed copies are no reference: myst-nb's merging of streams leaves
repeated pieces of text in them.)
"""

from __future__ import annotations

import concurrent.futures
import copy
import json
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

import tools.book

NOTEBOOKS = [name for name in tools.book.toc_pages() if (tools.ROOT / f"{name}.ipynb").is_file()]
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
WIDGET = "application/vnd.jupyter.widget-view+json"


def normalised(notebook) -> list:
    """Each code cell's outputs, with addresses and widget model ids masked, and consecutive
    pieces of one stream joined (a kernel may split a stream's text at any point)."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for output in copy.deepcopy(cell.get("outputs", [])):
            if (output["output_type"] == "stream" and merged and merged[-1]["output_type"] == "stream"
                    and merged[-1]["name"] == output["name"]):
                merged[-1]["text"] += output["text"]
            else:
                merged.append(output)
        outputs = []
        for output in merged:
            output.pop("execution_count", None)
            if WIDGET in output.get("data", {}):
                output["data"][WIDGET]["model_id"] = "<model id>"
            outputs.append(ADDRESS.sub("0x<address>", json.dumps(output, sort_keys=True)))
        cells.append(outputs)
    return cells


def run_again(name: str):
    path = tools.ROOT / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


@pytest.fixture(scope="session")
def two_runs():
    """Every notebook executed twice, two kernels at a time (one per core)."""
    saved = os.environ.pop("MPLBACKEND", None)  # as in the build: Agg would drop every figure
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(run_again, [name for name in NOTEBOOKS for _ in range(2)]))
    finally:
        if saved is not None:
            os.environ["MPLBACKEND"] = saved
    return {name: (runs[2 * i], runs[2 * i + 1]) for i, name in enumerate(NOTEBOOKS)}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_second_run_gives_identical_outputs(two_runs, name):
    first, second = (normalised(run) for run in two_runs[name])
    assert len(first) == len(second), f"{name}: the two runs have different code cells"
    assert any(first), f"{name}: the first run kept no outputs to compare"
    for index, (a, b) in enumerate(zip(first, second)):
        differing = [i for i in range(max(len(a), len(b))) if a[i:i + 1] != b[i:i + 1]]
        assert not differing, (f"{name}: code cell {index} gave different outputs in two runs "
                               f"(outputs {differing}: {a[differing[0]:differing[0] + 1]!s:.300} "
                               f"vs {b[differing[0]:differing[0] + 1]!s:.300})")
