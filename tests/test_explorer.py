"""adamlib.explore: the static view holds the true figure for every slider position it offers,
the HTML is well-formed for the page's script, and the live widget redraws when a slider moves."""

import base64
import html
import json
import re

import pytest

import adamlib
from adamlib import explorer as explorer_module

TINY = dict(figsize=(1.6, 1.2), dpi=30)  # cheap frames


def draw(fig, a, b):
    ax = fig.subplots()
    ax.set_axis_off()  # no tick labels to lay out: 3× cheaper frames
    ax.plot([0.0, 1.0], [0.0, a * b])
    ax.set_ylim(-10, 10)


def line_explorer(**sliders):
    sliders = sliders or dict(a=adamlib.Slider([1.0, 2.0, 3.0], label="slope", fmt="{:.1f}"),
                              b=adamlib.Slider([-1, 0.5], default=-1))
    return adamlib.explore(draw, alt="A line through the origin", **sliders, **TINY)


def fresh(**values) -> bytes:
    """The frame for these values from an explorer that has drawn nothing else: a frame must
    not depend on which frames were drawn before it (the explorer keeps and reuses frames)."""
    return line_explorer().render(**values)


def b64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def payload(page: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', page, re.S)
    assert match, "no JSON payload in the page"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def grid():
    """A 3 × 2 explorer and its static data, rendered once for the tests that only read them."""
    ex = line_explorer()
    return ex, ex.static_data(), ex.to_html()


# The static view -------------------------------------------------------------------------------


def test_full_grid_has_every_combination(grid):
    _, data, _ = grid
    assert data["fullGrid"] is True
    assert set(data["keys"]) == {f"{i},{j}" for i in range(3) for j in range(2)}
    assert data["names"] == ["a", "b"]
    assert data["defaults"] == [1, 0]  # a: the middle value; b: its declared default −1


def test_every_frame_is_the_true_figure_for_its_values(grid):
    ex, data, _ = grid
    a_values, b_values = [1.0, 2.0, 3.0], [-1, 0.5]
    for key, frame in data["keys"].items():
        i, j = map(int, key.split(","))
        assert data["frames"][frame] == b64(fresh(a=a_values[i], b=b_values[j])), key


def test_different_values_give_different_frames(grid):
    _, data, _ = grid
    # a·b takes 6 distinct values over the 6 combinations, so 6 distinct frames
    assert data["frames"][data["keys"]["0,1"]] != data["frames"][data["keys"]["2,1"]]
    assert len(set(data["frames"])) == len(data["frames"])  # frames are stored once each


def test_labels_use_the_sliders_fmt(grid):
    _, data, page = grid
    assert data["labels"] == [["1.0", "2.0", "3.0"], ["-1", "0.5"]]
    assert data["titles"] == ["slope", "b"]


def test_html_has_a_range_for_a_scale_and_buttons_for_a_choice(grid):
    _, data, page = grid
    # a: three numbers, a scale; b: two values, a choice between them
    assert data["choices"] == [False, True]
    inputs = re.findall(r'<input type="range" [^>]*min="0" max="(\d+)" step="1" value="(\d+)"', page)
    assert inputs == [("2", "1")]
    radios = re.findall(r'<input type="radio" name="[^"]+-1" value="(\d)"( checked)?>', page)
    assert radios == [("0", " checked"), ("1", "")]  # b's default −1 is its first value
    assert re.findall(r"<legend>(.*?)</legend>", page) == ["b"]


def test_a_range_shows_its_stops(grid):
    _, _, page = grid
    ticks = re.search(r'list="([^"]+)"', page)[1]
    stops = re.search(rf'<datalist id="{ticks}">(.*?)</datalist>', page)[1]
    assert re.findall(r'<option value="(\d)" label="([^"]*)">', stops) == [("0", "1.0"), ("1", "2.0"), ("2", "3.0")]
    marks = re.search(r'<span class="adamlib-stops" aria-hidden="true">((?:<span>[^<]*</span>)*)', page)[1]
    assert re.findall(r"<span>(.*?)</span>", marks) == ["1.0", "2.0", "3.0"]
    assert 'aria-valuetext="2.0"' in page  # a screen reader hears the value, not the stop's index


@pytest.mark.parametrize("values, choice", [
    ([1, 2, 3], False), ([0.1, 0.5], True), (["SGD", "Momentum", "Adam"], True),
    ([True, False, None], True), ([0, 10], True), ([1e-8, 1e-4, 1.0], False)])
def test_two_values_or_non_numbers_make_a_choice(values, choice):
    assert adamlib.Slider(values).is_choice is choice


def test_html_outputs_show_the_default_labels(grid):
    _, _, page = grid
    assert re.findall(r"<output [^>]*>(.*?)</output>", page) == ["2.0"]
    checked = re.findall(r'value="\d" checked><span>(.*?)</span>', page)
    assert checked == ["-1"]


def test_html_image_is_the_default_frame_with_alt_text(grid):
    ex, data, page = grid
    img = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)"', page)
    assert img.group(1) == b64(ex.render(a=2.0, b=-1))
    assert html.unescape(img.group(2)) == "A line through the origin (slope = 2.0, b = -1)"


def test_html_payload_parses_and_is_the_static_data(grid):
    _, data, page = grid
    assert payload(page) == data
    assert "fullGrid" in page and "adamlib-explorer-note" not in page


def test_payload_cannot_close_its_script_early():
    ex = adamlib.explore(draw, alt="</script><b>x</b>", a=[1.0, 2.0], b=[1.0, 2.0], **TINY)
    page = ex.to_html()
    assert payload(page)["alt"] == "</script><b>x</b>"
    assert 'alt="&lt;/script&gt;' in page


def test_more_than_max_grid_frames_falls_back_to_one_slider_at_a_time(monkeypatch):
    monkeypatch.setattr(explorer_module, "MAX_GRID_FRAMES", 5)
    ex = adamlib.explore(draw, alt="A line", a=[1.0, 2.0, 3.0], b=[1.0, 2.0, 4.0], **TINY)  # 9 > 5
    page = ex.to_html()
    data = payload(page)
    assert data["fullGrid"] is False
    # the default (1, 1), and each slider moved alone from it
    assert set(data["keys"]) == {"1,1", "0,1", "2,1", "1,0", "1,2"}
    values = [1.0, 2.0, 3.0], [1.0, 2.0, 4.0]
    for key, frame in data["keys"].items():
        i, j = map(int, key.split(","))
        alone = adamlib.explore(draw, alt="A line", a=values[0], b=values[1], **TINY)
        assert data["frames"][frame] == b64(alone.render(a=values[0][i], b=values[1][j]))
    assert '<p class="adamlib-explorer-note">' in page
    assert "moving one sets the others back to their defaults" in page


def test_grid_limit_is_max_grid_frames(monkeypatch):
    # Count frames without drawing: the boundary is at MAX_GRID_FRAMES combinations exactly.
    monkeypatch.setattr(explorer_module.Explorer, "render",
                        lambda self, **values: repr(sorted(values.items())).encode())
    limit = explorer_module.MAX_GRID_FRAMES
    at_limit = adamlib.explore(draw, alt="x", a=list(range(limit // 2)), b=[0, 1])
    assert at_limit.static_data()["fullGrid"] is True
    assert len(at_limit.static_data()["keys"]) == limit
    over = adamlib.explore(draw, alt="x", a=list(range(limit // 2 + 1)), b=[0, 1])
    data = over.static_data()
    assert data["fullGrid"] is False
    assert len(data["keys"]) == 1 + limit // 2 + 1


def test_too_many_bytes_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(explorer_module, "MAX_BYTES", 10)
    ex = adamlib.explore(draw, alt="x", a=[1.0, 2.0], b=[1.0, 2.0], **TINY)
    with pytest.raises(ValueError, match=r"images take .* MB, over the .* a page allows: "
                                         r"use fewer slider values, a smaller figsize or a lower dpi"):
        ex.static_data()
    with pytest.raises(ValueError, match=r"a page allows"):
        ex.to_html()


def test_more_than_four_sliders_is_refused():
    with pytest.raises(ValueError, match=r"1 to 4 sliders, got 5"):
        adamlib.explore(draw, alt="x", a=[1, 2], b=[1, 2], c=[1, 2], d=[1, 2], e=[1, 2])
    with pytest.raises(ValueError, match=r"1 to 4 sliders, got 0"):
        adamlib.explore(draw, alt="x")


def test_a_slider_with_one_value_is_refused():
    with pytest.raises(ValueError, match=r"at least two values, got \[0\.1\]"):
        adamlib.Slider([0.1])
    with pytest.raises(ValueError, match=r"at least two values, got \[0\.1\]"):
        adamlib.explore(draw, alt="x", a=[0.1], b=[1, 2])


def test_a_default_outside_the_values_is_refused():
    with pytest.raises(ValueError, match=r"default=5 is not one of the values \[1, 2\]"):
        adamlib.Slider([1, 2], default=5)


def test_render_refuses_unknown_sliders():
    with pytest.raises(ValueError, match=r"unknown slider\(s\) \['c'\]"):
        line_explorer().render(c=1)


def test_rendering_is_deterministic():
    first, second = line_explorer(), line_explorer()
    png = first.render(a=3.0, b=0.5)
    assert png.startswith(b"\x89PNG")
    assert first.render(a=3.0, b=0.5) == png
    assert second.render(a=3.0, b=0.5) == png
    assert first.render(a=1.0, b=0.5) != png


# The live view and the bundle ---------------------------------------------------------------------


def test_mimebundle_carries_the_widget_the_html_and_text(grid):
    ex, _, page = grid
    bundle = ex._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"} <= set(bundle)
    assert bundle["text/html"] == page
    assert "model_id" in bundle["application/vnd.jupyter.widget-view+json"]
    assert "A line through the origin (slope = 2.0, b = -1)" in bundle["text/plain"]


def test_moving_a_live_slider_redraws_the_true_figure():
    import ipywidgets

    ex = line_explorer()
    box = ex.widget()
    sliders, image = box.children[0].children, box.children[1]
    assert [s.description for s in sliders] == ["slope", "b"]
    # the scale slides; the two-valued choice is a row of buttons
    assert [type(s) for s in sliders] == [ipywidgets.SelectionSlider, ipywidgets.ToggleButtons]
    assert [label for label, _ in sliders[0].options] == ["1.0", "2.0", "3.0"]
    assert [label for label, _ in sliders[1].options] == ["-1", "0.5"]
    assert image.value == fresh(a=2.0, b=-1)
    sliders[0].value = 3.0
    assert image.value == fresh(a=3.0, b=-1)
    sliders[1].value = 0.5
    assert image.value == fresh(a=3.0, b=0.5)
    assert image.value != fresh(a=2.0, b=-1)


def test_each_frame_is_drawn_once_and_reused():
    calls = []

    def counting(fig, a, b):
        calls.append((a, b))
        draw(fig, a, b)

    ex = adamlib.explore(counting, alt="A line", a=[1.0, 2.0], b=[1.0, 3.0], **TINY)
    ex.to_html()
    assert sorted(calls) == [(1.0, 1.0), (1.0, 3.0), (2.0, 1.0), (2.0, 3.0)]
    box = ex.widget()
    box.children[0].children[0].value = 1.0  # a live move after the static view: no redraw
    alone = adamlib.explore(draw, alt="A line", a=[1.0, 2.0], b=[1.0, 3.0], **TINY)
    assert len(calls) == 4 and box.children[1].value == alone.render(a=1.0, b=3.0)
