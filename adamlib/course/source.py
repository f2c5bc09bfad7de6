"""Showing adamlib's own code in the book, so the text can never drift from what runs."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path


#: The longest listing shown open in the reading flow; a longer one folds behind its summary.
MAX_UNFOLDED_LINES = 25


class Source:
    """Python source that displays as a highlighted code block (Markdown), in Jupyter and the book.

    A listing longer than :data:`MAX_UNFOLDED_LINES` lines is folded (an HTML ``<details>``,
    which Jupyter and the book both render) behind a one-line summary that names what it holds.
    """

    def __init__(self, code: str, origin: str, names: str = ""):
        self.code, self.origin, self.names = code, origin, names

    def _repr_markdown_(self) -> str:
        block = f"```python\n# {self.origin}\n{self.code}\n```"
        lines = block.count("\n") - 1
        if lines <= MAX_UNFOLDED_LINES:
            return block
        what = f"the code of {self.names}" if self.names else "the code"
        # Blank lines around the fence: Markdown reads it as a fence, not as HTML text.
        return (f"<details>\n<summary>Show {what} ({lines} lines, {self.origin})</summary>\n\n"
                f"{block}\n\n</details>")

    def __repr__(self) -> str:
        return f"# {self.origin}\n{self.code}"


def show_source(*objects) -> Source:
    """The source of functions or classes from adamlib, as it is in the installed package."""
    if not objects:
        raise ValueError("show_source needs at least one function or class")
    package = Path(__file__).resolve().parents[2]  # origins read adamlib/<module>.py
    parts, origins = [], []
    names = ", ".join(obj.__qualname__ for obj in objects)
    for obj in objects:
        parts.append(textwrap.dedent(inspect.getsource(obj)).rstrip())
        path = Path(inspect.getsourcefile(obj)).resolve()
        origins.append(str(path.relative_to(package)) if path.is_relative_to(package) else path.name)
    return Source("\n\n\n".join(parts), ", ".join(dict.fromkeys(origins)), names)
