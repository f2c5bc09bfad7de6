"""Explorers: sliders over hyperparameters that redraw a figure, live and in the static book.

A chapter declares an explorer once::

    def draw(fig, lr, batch_size):
        ax = fig.subplots()
        ...

    explore(draw, lr=Slider([0.01, 0.03, 0.1], label="learning rate"),
            batch_size=Slider([1, 4, 16]), alt="Paths of SGD on the ravine")

The object it returns displays as one output carrying two views of the same explorer:

- in a live kernel (Jupyter, Colab, a JupyterHub), ipywidgets sliders that call ``draw`` again
  and show the new figure;
- in the built HTML book, where no kernel runs, plain ``<input type=range>`` sliders and a small
  script that swap images precomputed at build time, one per combination of slider values.

A slider over two values, or over values that are not numbers (optimizer names), is a choice,
not a scale: both views show it as a row of buttons (a radio group in the page, ToggleButtons
in Jupyter). A numeric slider over three values or more shows its stops.

The book picks the HTML view (``nb_mime_priority_overrides`` in ``_config.yml``) and Jupyter the
widget. Both views draw with the same function, so the figure always belongs to the values the
labels show. When every combination would be too many images, the static view varies one slider
at a time: moving a slider sets the others back to their defaults, visibly.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import numbers
from dataclasses import dataclass, field
from typing import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import plotting

#: The most a static explorer may add to its page.
MAX_BYTES = 3_000_000
#: The most images a full grid of slider combinations may take before falling back to one
#: slider at a time.
MAX_GRID_FRAMES = 120
MAX_SLIDERS = 4


@dataclass(frozen=True)
class Slider:
    """A slider over a fixed list of values; ``fmt`` turns a value into the label shown."""

    values: Sequence
    label: str | None = None
    fmt: str = "{:g}"
    default: object = None

    def __post_init__(self):
        if len(self.values) < 2:
            raise ValueError(f"a Slider needs at least two values, got {list(self.values)!r}")
        if self.default is not None and self.default not in list(self.values):
            raise ValueError(f"default={self.default!r} is not one of the values {list(self.values)!r}")

    @property
    def default_index(self) -> int:
        values = list(self.values)
        return values.index(self.default) if self.default is not None else len(values) // 2

    def text(self, value) -> str:
        return self.fmt.format(value)

    @property
    def is_choice(self) -> bool:
        """Two values, or values that are not numbers: buttons, since there is no scale between
        them to slide along."""
        numeric = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in self.values)
        return len(self.values) == 2 or not numeric


def _png(fig: Figure) -> bytes:
    """The figure as a palette PNG: a quarter of the bytes of full colour, for line art."""
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
    image = rgb.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    # The dpi in the PNG (21 bytes) lets the book's checks know the size its text was drawn at.
    image.save(out, format="png", dpi=(fig.dpi, fig.dpi))
    return out.getvalue()


@dataclass
class Explorer:
    """Sliders over a drawing function: see the module's docstring."""

    draw: Callable
    sliders: dict
    alt: str
    figsize: tuple = (7.0, 3.2)
    dpi: int = 80
    _figure: Figure | None = field(default=None, repr=False)
    _widget: object = field(default=None, repr=False)
    _positions: list = field(default_factory=list, repr=False)
    _frames: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        if not 1 <= len(self.sliders) <= MAX_SLIDERS:
            raise ValueError(f"an explorer takes 1 to {MAX_SLIDERS} sliders, got {len(self.sliders)}")
        self.sliders = {name: s if isinstance(s, Slider) else Slider(list(s))
                        for name, s in self.sliders.items()}

    def defaults(self) -> dict:
        return {name: s.values[s.default_index] for name, s in self.sliders.items()}

    def render(self, **values) -> bytes:
        """The PNG that ``draw`` makes for these slider values (the others at their defaults).

        Each combination is drawn once and kept: the static view draws every frame when the
        explorer is displayed, so in a live kernel a slider move finds its frame ready.
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; the sliders are {list(self.sliders)}")
        values = {**self.defaults(), **values}
        key = tuple(list(s.values).index(values[name]) for name, s in self.sliders.items())
        if key not in self._frames:
            self._frames[key] = self._draw(values)
        return self._frames[key]

    def _draw(self, values: dict) -> bytes:
        if self._figure is None:
            self._figure = Figure(figsize=self.figsize, dpi=self.dpi)
        fig = self._figure
        fig.clear()
        # The layout is solved once, on the first frame, and reused: solving it again is a
        # third of every redraw, and the frames differ in their data, not their labels.
        with matplotlib.rc_context(plotting.STYLE):
            fig.set_layout_engine("none" if self._positions else "constrained")
            self.draw(fig, **values)
            if self._positions and len(self._positions) == len(fig.axes):
                for ax, position in zip(fig.axes, self._positions):
                    ax.set_position(position)
            png = _png(fig)
        if not self._positions:
            self._positions = [ax.get_position() for ax in fig.axes]
        return png

    def caption(self, values: dict) -> str:
        shown = ", ".join(f"{s.label or name} = {s.text(values[name])}" for name, s in self.sliders.items())
        return f"{self.alt} ({shown})"

    # The static view ----------------------------------------------------------------------

    def _combinations(self):
        """Index tuples of the frames to precompute, and whether they form the full grid."""
        sizes = [len(s.values) for s in self.sliders.values()]
        grid = 1
        for size in sizes:
            grid *= size
        if grid <= MAX_GRID_FRAMES:
            return list(itertools.product(*map(range, sizes))), True
        base = tuple(s.default_index for s in self.sliders.values())
        combos = [base]
        for i, size in enumerate(sizes):
            combos += [base[:i] + (j,) + base[i + 1:] for j in range(size) if j != base[i]]
        return combos, False

    def static_data(self) -> dict:
        """Everything the page's script needs: frames, the key of each combination, labels."""
        names = list(self.sliders)
        combos, full_grid = self._combinations()
        frames, frame_of_png, keys = [], {}, {}
        for combo in combos:
            values = {n: self.sliders[n].values[j] for n, j in zip(names, combo)}
            png = base64.b64encode(self.render(**values)).decode("ascii")
            if png not in frame_of_png:
                frame_of_png[png] = len(frames)
                frames.append(png)
            keys[",".join(map(str, combo))] = frame_of_png[png]
        size = sum(map(len, frames))
        if size > MAX_BYTES:
            raise ValueError(
                f"this explorer's {len(frames)} images take {size / 1e6:.1f} MB, over the "
                f"{MAX_BYTES / 1e6:.0f} MB a page allows: use fewer slider values, a smaller "
                f"figsize or a lower dpi (now {self.dpi})"
            )
        return {
            "names": names,
            "labels": [[s.text(v) for v in s.values] for s in self.sliders.values()],
            "defaults": [s.default_index for s in self.sliders.values()],
            "fullGrid": full_grid,
            "keys": keys,
            "frames": frames,
            "alt": self.alt,
            "titles": [s.label or n for n, s in self.sliders.items()],
            "choices": [s.is_choice for s in self.sliders.values()],
        }

    def to_html(self) -> str:
        data = self.static_data()
        # "</" inside a script element would end it early; JSON allows the escaped form.
        payload = json.dumps(data, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
        uid = "adamlib-explorer-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
        controls = "".join(
            (_choice_html if choice else _range_html)(f"{uid}-{k}", title, labels, default)
            for k, (title, labels, default, choice) in enumerate(
                zip(data["titles"], data["labels"], data["defaults"], data["choices"])))
        note = "" if data["fullGrid"] else (
            '<p class="adamlib-explorer-note">In this page the sliders move one at a time: '
            "moving one sets the others back to their defaults. Run the notebook for every "
            "combination.</p>")
        first = data["frames"][data["keys"][",".join(map(str, data["defaults"]))]]
        alt = html.escape(self.caption(self.defaults()))
        return (
            f'<div class="adamlib-explorer" id="{uid}">'
            f'<div class="adamlib-controls">{controls}</div>{note}'
            f'<img src="data:image/png;base64,{first}" alt="{alt}" style="max-width:100%">'
            f'<script type="application/json">{payload}</script>'
            f"<script>{_SCRIPT.replace('__ID__', uid)}</script></div>"
        )

    # The live view ------------------------------------------------------------------------

    def widget(self):
        """ipywidgets sliders and an image that redraws when a slider moves."""
        import ipywidgets as widgets

        if self._widget is not None:
            return self._widget
        image = widgets.Image(value=self.render(), format="png")
        controls = {
            name: (widgets.ToggleButtons if s.is_choice else widgets.SelectionSlider)(
                options=[(s.text(v), v) for v in s.values],
                value=s.values[s.default_index],
                description=s.label or name,
                style={"description_width": "initial",
                       **({"button_width": "auto"} if s.is_choice else {})},
            )
            for name, s in self.sliders.items()
        }

        def redraw(_change=None):
            image.value = self.render(**{name: c.value for name, c in controls.items()})

        for control in controls.values():
            control.observe(redraw, names="value")
        self._widget = widgets.VBox([widgets.HBox(list(controls.values())), image])
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/html"] = self.to_html()
        bundle["text/plain"] = f"<Explorer: {self.caption(self.defaults())}>"
        return bundle


def explore(draw, *, alt: str, figsize=(7.0, 3.2), dpi: int = 80, **sliders) -> Explorer:
    """An explorer over ``draw(fig, **values)``: one keyword argument per slider.

    Each slider is a :class:`Slider` or a plain list of values. ``alt`` says what the figure
    shows; the page's image gets it as alt text with the slider values appended.
    """
    return Explorer(draw=draw, sliders=sliders, alt=alt, figsize=figsize, dpi=dpi)


def _range_html(uid: str, title: str, labels: list, default: int) -> str:
    """A range input over the stops, its ticks (a datalist) and the stops' values under it."""
    title, shown = html.escape(title), html.escape(labels[default])
    stops = "".join(f'<option value="{j}" label="{html.escape(t)}"></option>' for j, t in enumerate(labels))
    marks = "".join(f"<span>{html.escape(t)}</span>" for t in labels)
    return (
        f'<div class="adamlib-control adamlib-range"><label for="{uid}">{title}</label> '
        f'<span class="adamlib-track"><input type="range" id="{uid}" min="0" max="{len(labels) - 1}" '
        f'step="1" value="{default}" list="{uid}-stops" aria-valuetext="{shown}">'
        f'<datalist id="{uid}-stops">{stops}</datalist>'
        f'<span class="adamlib-stops" aria-hidden="true">{marks}</span></span> '
        f'<output for="{uid}">{shown}</output></div>'
    )


def _choice_html(uid: str, title: str, labels: list, default: int) -> str:
    """A radio group: one button per value; the arrow keys move between them."""
    buttons = "".join(
        f'<label><input type="radio" name="{uid}" value="{j}"{" checked" if j == default else ""}>'
        f"<span>{html.escape(text)}</span></label>"
        for j, text in enumerate(labels))
    return (f'<fieldset class="adamlib-control adamlib-choice">'
            f"<legend>{html.escape(title)}</legend>{buttons}</fieldset>")


_SCRIPT = """(function () {
  var root = document.getElementById("__ID__");
  var data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
  var controls = root.querySelectorAll(".adamlib-control");
  var img = root.querySelector("img");
  function get(k) {
    var on = controls[k].querySelector("input[type=range], input:checked");
    return parseInt(on.value, 10);
  }
  function set(k, j) {
    var range = controls[k].querySelector("input[type=range]");
    if (range) { range.value = j; } else { controls[k].querySelectorAll("input")[j].checked = true; }
  }
  function show(moved) {
    var idx = [], parts = [];
    for (var k = 0; k < controls.length; k++) {
      if (!data.fullGrid && k !== moved) { set(k, data.defaults[k]); }
      idx.push(get(k));
      var text = data.labels[k][idx[k]], range = controls[k].querySelector("input[type=range]");
      if (range) {
        range.setAttribute("aria-valuetext", text);
        controls[k].querySelector("output").textContent = text;
      }
      parts.push(data.titles[k] + " = " + text);
    }
    img.src = "data:image/png;base64," + data.frames[data.keys[idx.join(",")]];
    img.alt = data.alt + " (" + parts.join(", ") + ")";
  }
  for (var k = 0; k < controls.length; k++) {
    (function (j) {
      controls[j].addEventListener("input", function () { show(j); });
      controls[j].addEventListener("change", function () { show(j); });
    })(k);
  }
})();"""
