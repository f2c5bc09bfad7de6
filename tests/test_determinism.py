"""Determinism: every notebook run twice gives the same outputs, text and image bytes alike.

The first run is the book's build (myst-nb keeps each executed notebook under
_build/jupyter_execute); the second is a fresh kernel here. Only what is meant to differ between
two runs is masked: memory addresses (``<object at 0x7f...>``) and the ids ipywidgets gives its
models. A difference means some randomness is not seeded, or some output depends on time.
"""

from __future__ import annotations

import concurrent.futures
import copy
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import tasks

NOTEBOOKS = [name for name in tasks.toc_pages() if (tasks.ROOT / f"{name}.ipynb").is_file()]
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")
WIDGET = "application/vnd.jupyter.widget-view+json"


def normalised(notebook) -> list:
    """Each code cell's outputs, with addresses and widget model ids masked, and consecutive
    pieces of one stream joined (the build merges them, nb_merge_streams; a kernel may split a
    stream's text at any point)."""
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
    path = tasks.ROOT / f"{name}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


@pytest.fixture(scope="session")
def second_runs(book_html):
    """Every notebook executed once more, two at a time (one per core)."""
    saved = os.environ.pop("MPLBACKEND", None)  # as in the build: Agg would drop every figure
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            return dict(zip(NOTEBOOKS, pool.map(run_again, NOTEBOOKS)))
    finally:
        if saved is not None:
            os.environ["MPLBACKEND"] = saved


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_second_run_gives_identical_outputs(book_html, second_runs, name):
    first_path = Path(book_html).parent / "jupyter_execute" / f"{name}.ipynb"
    first = normalised(nbformat.read(first_path, as_version=4))
    second = normalised(second_runs[name])
    assert len(first) == len(second), f"{name}: the two runs have different code cells"
    assert any(first), f"{name}: the build kept no outputs to compare"
    for index, (a, b) in enumerate(zip(first, second)):
        differing = [i for i in range(max(len(a), len(b))) if a[i:i + 1] != b[i:i + 1]]
        assert not differing, (f"{name}: code cell {index} gave different outputs in two runs "
                               f"(outputs {differing}: {a[differing[0]:differing[0] + 1]!s:.300} "
                               f"vs {b[differing[0]:differing[0] + 1]!s:.300})")
