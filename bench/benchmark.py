"""The book's costs against its targets, printed as a table (a measurement, not a test).

    python3 tasks.py bench [--runs 3] [--skip-tests]

Method:
- clean build: the build of `python3 tasks.py book` (tools.book.build_book: the notebooks executed
  one per core into the execution cache, then `jupyter-book build`) into a fresh temporary
  folder, so there is no cache and every notebook runs; wall time.
- unchanged rebuild: the same command again on the same folder, nothing changed (Sphinx's
  environment and myst-nb's execution cache are reused); wall time.
- notebooks: each chapters/*.ipynb executed by nbclient in a fresh kernel, `--runs` times
  (kernel start included, as in the build); min and median, judged on the median.
- live update: after one more execution of the notebook, the same kernel finds every Explorer
  the notebook displayed (IPython's `Out` history and its globals) and moves each slider of its
  live widget through every value, the others at their defaults, timing each move from the
  slider's new value to the image widget holding the new PNG (what a student waits for in
  Jupyter, the browser's repaint aside); median and max, judged on the max. Displaying an
  explorer draws every frame for the book's static view, and the widget reuses those frames,
  so a move costs a lookup. The table also shows the cold cost of drawing one frame
  (`Explorer._draw`: the chapter's draw function and matplotlib), what a move would cost
  without that reuse.
- reference: the time of 10⁷ additions in a Python loop, printed first: the machine's speed at
  interpreted code, against which figures from different days can be compared.
- the test command: `python3 tasks.py test`, wall time (skip it with --skip-tests).
- Adam's step time: adamlib against torch.optim.Adam and the bandwidth floor, see
  bench/step_time.py.
- static bytes: each `<div class="adamlib-explorer">` of the built pages.
- page weight: each page of _toc.yml served by the standard library's static server and opened
  in headless Chromium (see bench/page_weight.py): the shared files (theme, MathJax, fonts:
  everything but the page's own HTML and figures) a first visit downloads, against 2 MB; the
  shared files it downloads again when opened after the page before it, against none; and
  its own HTML and figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import tools.book  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import page_weight  # noqa: E402
import step_time  # noqa: E402

BUILD_TARGET_S, REBUILD_TARGET_S, NOTEBOOK_TARGET_S = 120, 20, 10
UPDATE_TARGET_S, EXPLORER_TARGET_BYTES = 0.100, 3_000_000

# Runs in the notebook's kernel after its last cell; prints one JSON line.
PROBE = """
import json as _json, statistics as _statistics, time as _time
from adamlib.explorer import Explorer as _Explorer
_found = {id(v): v for v in [*Out.values(), *globals().values()] if isinstance(v, _Explorer)}
_report = []
for _explorer in _found.values():
    _box = _explorer.widget()
    _controls, _image = _box.children[0].children, _box.children[1]
    _moves, _cold = [], []
    for _control, (_name, _slider) in zip(_controls, _explorer.sliders.items()):
        _default = _control.value
        for _value in _slider.values:
            if _value == _control.value:
                continue
            _start = _time.perf_counter()
            _control.value = _value
            _moves.append(_time.perf_counter() - _start)
            _start = _time.perf_counter()
            _explorer._draw({**_explorer.defaults(), _name: _value})
            _cold.append(_time.perf_counter() - _start)
        _control.value = _default
    _report.append({"moves": len(_moves), "median": _statistics.median(_moves), "max": max(_moves),
                    "cold_median": _statistics.median(_cold), "cold_max": max(_cold)})
print(_json.dumps(_report))
"""


def execute(path: Path, probe: bool = False):
    """Run a notebook in a fresh kernel started in its folder; its seconds, or the probe's report."""
    notebook = nbformat.read(path, as_version=4)
    if probe:
        notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    if probe:
        return json.loads(notebook.cells[-1].outputs[-1]["text"].strip().splitlines()[-1])
    return seconds


def build(out: Path) -> float:
    start = time.perf_counter()
    result = tools.book.build_book(ROOT, out, Path(sys.executable), capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"the build failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - start


def explorer_divs(html: str) -> list[str]:
    """Each `.adamlib-explorer` div of a page, nested divs followed to its own end tag."""
    found = []
    for start in (m.start() for m in re.finditer(r'<div class="adamlib-explorer"', html)):
        depth = 0
        for tag in re.finditer(r"<div\b|</div>", html[start:]):
            depth += 1 if tag.group() != "</div>" else -1
            if depth == 0:
                found.append(html[start:start + tag.end()])
                break
    return found


def python_reference() -> float:
    """Seconds for 10⁷ additions in a Python loop (best of 3): the machine's speed at
    interpreted code, which most of a notebook's time is. A shared or throttled machine can
    be half as fast on another day; compare figures only alongside this one."""
    def loop():
        start, total = time.perf_counter(), 0
        for i in range(10_000_000):
            total += i
        return time.perf_counter() - start
    return min(loop() for _ in range(3))


def row(what: str, value: str, target: str, ok: bool | None) -> tuple:
    return what, value, target, {True: "ok", False: "MISSED", None: ""}[ok]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="executions of each notebook")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test command")
    args = parser.parse_args()
    rows = [row("reference: 10^7 additions in a Python loop (best of 3)",
                f"{python_reference():.2f} s", "", None)]
    with tempfile.TemporaryDirectory() as tmp:
        print("clean build ...", flush=True)
        seconds = build(Path(tmp))
        rows.append(row("clean build, every notebook executed", f"{seconds:.1f} s",
                        f"<= {BUILD_TARGET_S} s", seconds <= BUILD_TARGET_S))
        print("unchanged rebuild ...", flush=True)
        seconds = build(Path(tmp))
        rows.append(row("unchanged rebuild", f"{seconds:.1f} s", f"<= {REBUILD_TARGET_S} s",
                        seconds <= REBUILD_TARGET_S))
        html = Path(tmp) / "_build" / "html"
        for name in tools.book.toc_pages():
            page = html / f"{name}.html"
            for i, div in enumerate(explorer_divs(page.read_text(encoding="utf-8"))):
                size = len(div.encode())
                rows.append(row(f"static explorer {i + 1} of {name}", f"{size / 1e6:.2f} MB",
                                f"<= {EXPLORER_TARGET_BYTES / 1e6:g} MB", size <= EXPLORER_TARGET_BYTES))
        print("page weights ...", flush=True)
        rows.extend(row(*r) for r in page_weight.rows(html, tools.book.toc_pages()))

    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        print(f"executing {path.name} {args.runs} times ...", flush=True)
        times = [execute(path) for _ in range(args.runs)]
        median = statistics.median(times)
        rows.append(row(f"notebook {path.name} (min / median of {args.runs})",
                        f"{min(times):.1f} / {median:.1f} s", f"<= {NOTEBOOK_TARGET_S} s",
                        median <= NOTEBOOK_TARGET_S))
        if "explore(" in path.read_text(encoding="utf-8"):
            for i, report in enumerate(execute(path, probe=True)):
                rows.append(row(f"live update, explorer {i + 1} of {path.stem} "
                                f"(median / max of {report['moves']} moves)",
                                f"{report['median'] * 1e3:.1f} / {report['max'] * 1e3:.1f} ms",
                                f"<= {UPDATE_TARGET_S * 1e3:.0f} ms", report["max"] <= UPDATE_TARGET_S))
                rows.append(row(f"  cold frame, explorer {i + 1} of {path.stem} (median / max)",
                                f"{report['cold_median'] * 1e3:.0f} / {report['cold_max'] * 1e3:.0f} ms",
                                "", None))

    if not args.skip_tests:
        print("the test command ...", flush=True)
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "test"], cwd=ROOT,
                              capture_output=True).returncode
        seconds = time.perf_counter() - start
        rows.append(row("the test command (python3 tasks.py test)",
                        f"{seconds:.0f} s" + ("" if code == 0 else f" (FAILED, exit {code})"),
                        "", None))

    print("Adam step times ...", flush=True)
    rows.extend(row(*r) for r in step_time.measure())

    widths = [max(len(r[i]) for r in rows + [("measure", "value", "target", "")]) for i in range(4)]
    print()
    for r in [("measure", "value", "target", ""), tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main()
