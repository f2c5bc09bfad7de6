"""A figure one tap from full size (issue 14, point 2; _static_book/figures.js): by touch on a
phone, by keyboard on a desktop, for a figure and for an explorer's current frame."""

from __future__ import annotations

PAGE = "chapters/01_gradient_descent"  # five figures and an explorer

OVERLAY = """() => {
  const dialog = document.querySelector('dialog.figure-zoom');
  if (!dialog || !dialog.open) return null;
  const img = dialog.querySelector('img'), pane = dialog.querySelector('.figure-zoom-pane');
  const close = dialog.querySelector('.figure-zoom-close').getBoundingClientRect();
  return {shown: img.getBoundingClientRect().width, natural: img.naturalWidth, src: img.src,
          pans: pane.scrollWidth > pane.clientWidth, close: [close.width, close.height],
          focused: document.activeElement.className};
}"""


def test_a_tap_opens_a_figure_or_an_explorer_frame_at_full_size_and_a_tap_or_back_closes_it(visit_on):
    page = visit_on("phone")(PAGE).page
    button = page.locator("figure .figure-zoom-open-button").first
    assert button.count(), "no figure of the page has a full-size button"
    box = button.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box
    figure_width = page.evaluate("() => document.querySelector('figure img').naturalWidth")

    button.tap()
    opened = page.evaluate(OVERLAY)
    assert opened, "the full-size button opened nothing"
    assert opened["natural"] == figure_width and opened["shown"] >= opened["natural"], opened
    assert opened["pans"] and min(opened["close"]) >= 24, opened
    page.locator(".figure-zoom-close").tap()
    assert page.evaluate(OVERLAY) is None, "the close button left the figure open"

    button.tap()
    page.touchscreen.tap(195, 830)  # under the image, which sits in the middle of the screen
    assert page.evaluate(OVERLAY) is None, "a tap beside the figure left it open"

    button.tap()
    url = page.url
    page.go_back()
    page.wait_for_function("() => !document.querySelector('dialog.figure-zoom').open")
    assert page.url == url, "the back button left the page instead of closing the figure"

    # An explorer's button opens the frame its sliders show now (one page load serves both).
    explorer = page.locator(".adamlib-explorer").first
    frame = explorer.locator("img")
    before = frame.get_attribute("src")
    explorer.locator("input").first.press("ArrowRight")
    assert frame.get_attribute("src") != before, "the explorer's slider did not change its frame"
    explorer.locator(".figure-zoom-open-button").tap()
    opened = page.evaluate(OVERLAY)
    assert opened and opened["src"] == frame.get_attribute("src"), "the overlay shows another frame"


def test_the_keyboard_opens_and_closes_a_figure(visit_on):
    page = visit_on("desktop")(PAGE).page
    button = page.locator("figure .figure-zoom-open-button").first
    assert button.count(), "no figure of the page has a full-size button"
    # Reachable by Tab: from the element just before it, one Tab lands on it.
    button.evaluate("b => { b.previousElementSibling.tabIndex = -1; b.previousElementSibling.focus(); }")
    page.keyboard.press("Tab")
    assert button.evaluate("b => b === document.activeElement"), "Tab does not reach the button"
    page.keyboard.press("Enter")
    opened = page.evaluate(OVERLAY)
    assert opened and opened["focused"] == "figure-zoom-close" and opened["shown"] >= opened["natural"], opened
    page.keyboard.press("Escape")
    assert page.evaluate(OVERLAY) is None, "Escape left the figure open"
    assert button.evaluate("b => b === document.activeElement"), "focus did not come back to the button"
    page.keyboard.press(" ")
    assert page.evaluate(OVERLAY), "Space does not open the figure"
