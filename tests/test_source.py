"""show_source: the book shows adamlib's real code, from the installed package."""

import inspect
import textwrap

import pytest

import adamlib
from adamlib import rules, show_source


def real_source(obj):
    return textwrap.dedent(inspect.getsource(obj)).rstrip()


def test_function_source_as_a_python_fence():
    markdown = show_source(rules.ema)._repr_markdown_()
    assert markdown.startswith("```python\n")
    assert markdown.endswith("\n```")
    assert "# adamlib/rules.py\n" in markdown
    assert real_source(rules.ema) in markdown
    assert "def ema(avg, x, decay):" in markdown


def test_class_source_is_the_whole_class():
    markdown = show_source(adamlib.Adam)._repr_markdown_()
    assert "adamlib/optimizers.py" in markdown
    assert real_source(adamlib.Adam) in markdown
    assert "class Adam(Optimizer):" in markdown and "def amsgrad_update" in markdown
    assert "class AdamW" not in markdown  # only the object asked for


def test_method_source_is_dedented():
    source = show_source(adamlib.Adam.update)
    assert source.code == real_source(adamlib.Adam.update)
    assert source.code.startswith("def update(")
    assert inspect.getsource(adamlib.Adam.update).startswith("    def update(")


def test_several_objects_in_one_block_with_each_origin_once():
    source = show_source(rules.ema, rules.bias_correction, adamlib.RMSprop)
    assert source.origin == "adamlib/rules.py, adamlib/optimizers.py"
    code = source.code
    assert code.index(real_source(rules.ema)) < code.index(real_source(rules.bias_correction))
    assert real_source(adamlib.RMSprop) in code
    assert source._repr_markdown_().count("```") == 2


def test_plain_repr_has_origin_and_code():
    text = repr(show_source(rules.descend))
    assert text.startswith("# adamlib/rules.py\n")
    assert real_source(rules.descend) in text


def test_show_source_needs_an_object():
    with pytest.raises(ValueError, match=r"at least one function or class"):
        show_source()


def test_a_long_listing_folds_behind_a_summary_naming_it():
    source = show_source(rules.heavy_ball, adamlib.Adam)
    lines = source.code.count("\n") + 2  # the code, its origin line, counted as the page shows them
    assert lines > adamlib.source.MAX_UNFOLDED_LINES
    markdown = source._repr_markdown_()
    assert markdown.startswith("<details>\n<summary>Show the code of heavy_ball, Adam (")
    assert f"({lines} lines, adamlib/rules.py, adamlib/optimizers.py)</summary>" in markdown
    assert "\n\n```python\n" in markdown and markdown.endswith("\n```\n\n</details>")


def test_a_short_listing_stays_open():
    source = show_source(rules.ema)
    assert source.code.count("\n") + 2 <= adamlib.source.MAX_UNFOLDED_LINES
    assert source._repr_markdown_().startswith("```python\n")
