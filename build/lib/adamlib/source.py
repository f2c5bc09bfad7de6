"""Showing adamlib's own code in the book, so the text can never drift from what runs."""

from __future__ import annotations

import inspect
import textwrap
from pathlib import Path


class Source:
    """Python source that displays as a highlighted code block (Markdown), in Jupyter and the book."""

    def __init__(self, code: str, origin: str):
        self.code, self.origin = code, origin

    def _repr_markdown_(self) -> str:
        return f"```python\n# {self.origin}\n{self.code}\n```"

    def __repr__(self) -> str:
        return f"# {self.origin}\n{self.code}"


def show_source(*objects) -> Source:
    """The source of functions or classes from adamlib, as it is in the installed package."""
    if not objects:
        raise ValueError("show_source needs at least one function or class")
    package = Path(__file__).resolve().parent.parent
    parts, origins = [], []
    for obj in objects:
        parts.append(textwrap.dedent(inspect.getsource(obj)).rstrip())
        path = Path(inspect.getsourcefile(obj)).resolve()
        origins.append(str(path.relative_to(package)) if path.is_relative_to(package) else path.name)
    return Source("\n\n\n".join(parts), ", ".join(dict.fromkeys(origins)))
