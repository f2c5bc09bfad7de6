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


def _png(fig: Figure) -> bytes:
    """The figure as a palette PNG: a quarter of the bytes of full colour, for line art."""
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
    image = rgb.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="png")
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
        }

    def to_html(self) -> str:
        data = self.static_data()
        # "</" inside a script element would end it early; JSON allows the escaped form.
        payload = json.dumps(data, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
        uid = "adamlib-explorer-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
        controls = "".join(
            f'<label class="adamlib-slider" style="margin-right:1.5em;white-space:nowrap">'
            f'<span>{html.escape(title)}</span> '
            f'<input type="range" min="0" max="{len(labels) - 1}" step="1" value="{default}" '
            f'aria-label="{html.escape(title)}"> '
            f'<output>{html.escape(labels[default])}</output></label>'
            for title, labels, default in zip(data["titles"], data["labels"], data["defaults"])
        )
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
            name: widgets.SelectionSlider(
                options=[(s.text(v), v) for v in s.values],
                value=s.values[s.default_index],
                description=s.label or name,
                continuous_update=True,
                style={"description_width": "initial"},
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


_SCRIPT = """(function () {
  var root = document.getElementById("__ID__");
  var data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
  var inputs = root.querySelectorAll("input[type=range]");
  var outputs = root.querySelectorAll("output");
  var img = root.querySelector("img");
  function show(moved) {
    var idx = [];
    for (var i = 0; i < inputs.length; i++) {
      if (!data.fullGrid && i !== moved) { inputs[i].value = data.defaults[i]; }
      idx.push(parseInt(inputs[i].value, 10));
    }
    var parts = [];
    for (var k = 0; k < idx.length; k++) {
      outputs[k].textContent = data.labels[k][idx[k]];
      parts.push(data.titles[k] + " = " + data.labels[k][idx[k]]);
    }
    img.src = "data:image/png;base64," + data.frames[data.keys[idx.join(",")]];
    img.alt = data.alt + " (" + parts.join(", ") + ")";
  }
  for (var i = 0; i < inputs.length; i++) {
    (function (j) { inputs[j].addEventListener("input", function () { show(j); }); })(i);
  }
})();"""
