"""Figures readable where they are shown (issue 14, point 2).

On a desktop and a tablet every figure and explorer frame is shown at a scale that keeps the
style's smallest text (adamlib.plotting.MIN_FONT_SIZE points) at least MIN_TEXT_PX pixels high.
On a phone a figure cannot be (its column is ~350 px): every one shown below that scale has a
visible button, a touch target of at least MIN_TARGET_PX, that opens it at full size
(_static_book/figures.js; tests/test_screen_figures.py works it)."""

from __future__ import annotations

from adamlib import plotting

MIN_TEXT_PX = 10
MIN_TARGET_PX = 24

# Each figure's image: its natural and shown widths and its dpi, read from the PNG's pHYs chunk
# (matplotlib writes it; an image without one is taken at the dpi of its kind: 100 for the
# style's figures, 80 for an explorer's frames, adamlib.explorer's default).
FIGURES = """async () => {
  const dpiOf = async (img) => {
    try {
      const bytes = new Uint8Array(await (await fetch(img.currentSrc || img.src)).arrayBuffer());
      for (let i = 8; i + 12 < bytes.length && i < 4096;) {
        const length = (bytes[i] << 24 | bytes[i + 1] << 16 | bytes[i + 2] << 8 | bytes[i + 3]) >>> 0;
        const type = String.fromCharCode(...bytes.slice(i + 4, i + 8));
        if (type === 'pHYs' && bytes[i + 16] === 1) {
          const perMetre = (bytes[i + 8] << 24 | bytes[i + 9] << 16 | bytes[i + 10] << 8 | bytes[i + 11]) >>> 0;
          return perMetre * 0.0254;
        }
        if (type === 'IDAT') break;
        i += length + 12;
      }
    } catch (e) { /* unreadable: the kind's dpi */ }
    return null;
  };
  const images = [...document.querySelectorAll('article figure img, article .adamlib-explorer img')]
    .filter(img => img.checkVisibility() && img.naturalWidth > 0);
  return Promise.all(images.map(async img => {
    const explorer = !!img.closest('.adamlib-explorer');
    const caption = img.closest('figure') && img.closest('figure').querySelector('figcaption');
    const button = img.parentElement.querySelector('.figure-zoom-open-button');
    const box = button && button.checkVisibility() ? button.getBoundingClientRect() : null;
    return {
      name: (explorer ? 'explorer: ' : '') + (caption ? caption.textContent.trim() : img.alt).slice(0, 40),
      explorer, natural: img.naturalWidth, shown: img.getBoundingClientRect().width,
      dpi: (await dpiOf(img)) || (explorer ? 80 : 100),
      button: box && [box.width, box.height],
    };
  }));
}"""


def text_px(figure) -> float:
    """The height on screen, in CSS pixels, of the style's smallest text in this figure."""
    return plotting.MIN_FONT_SIZE / 72 * figure["dpi"] * figure["shown"] / figure["natural"]


def figures_readable_or_one_tap_from_full_size(page, name, screen):
    problems = []
    for figure in page.evaluate(FIGURES):
        px = text_px(figure)
        if px >= MIN_TEXT_PX:
            continue
        where = (f"{figure['name']!r}: {plotting.MIN_FONT_SIZE} pt text shown {px:.1f} px high "
                 f"({figure['natural']} px at {figure['dpi']:.0f} dpi shown {figure['shown']:.0f} px wide)")
        if screen != "phone":
            problems.append(f"{where}; draw it narrower (adamlib.plotting.MAX_FIGURE_WIDTH)")
        elif not figure["button"] or min(figure["button"]) < MIN_TARGET_PX:
            problems.append(f"{where}, and no full-size button of {MIN_TARGET_PX} px or more")
    return problems


CHECKS = [figures_readable_or_one_tap_from_full_size]
