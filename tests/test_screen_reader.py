"""What a reader does beyond reading (issue 14, point 5), in the browser: the flashcards by
keyboard alone, every explorer control by touch on a phone and by keyboard on a desktop, dark
mode, reduced motion, search results and the pages that were wider than a phone."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageStat

import tools.book
from conftest import SCREENS
from test_book import CHAPTERS

REVIEW, NOTATION, FIRST_CHAPTER = "chapters/review", "chapters/notation", "chapters/01_gradient_descent"


def calls_explore(name: str) -> bool:
    path = tools.ROOT / f"{name}.ipynb"
    return path.is_file() and "adamlib.explore(" in path.read_text(encoding="utf-8")


EXPLORER_PAGES = [name for name in tools.book.toc_pages() if calls_explore(name)]


def test_every_chapter_has_an_explorer():
    assert CHAPTERS and set(CHAPTERS) <= set(EXPLORER_PAGES), set(CHAPTERS) - set(EXPLORER_PAGES)


def brightness(png: bytes) -> float:
    """The mean grey level, 0 (black) to 255 (white), of a screenshot."""
    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0]


def test_flashcards_go_through_cards_by_keyboard_alone(visit_on):
    page = visit_on("desktop")(REVIEW).page
    deck = page.locator(".fc-deck")
    deck.locator(".fc-shuffle").focus()
    page.keyboard.press("Tab")  # from the last control to the card shown
    total = int(deck.locator(".fc-count").text_content().split(" of ")[1])
    for n in range(1, 5):
        card = deck.locator(".fc-card:not([hidden])")
        assert deck.locator(".fc-count").text_content() == f"card {n} of {total}"
        assert page.evaluate("() => document.activeElement.matches('.fc-card:not([hidden])')"), \
            f"card {n}: the focus left the deck for {page.evaluate('() => document.activeElement.tagName')}"
        page.keyboard.press("Enter")
        assert card.get_attribute("aria-pressed") == "true" and card.locator(".fc-back").is_visible(), \
            f"card {n} did not turn over on Enter"
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert deck.locator(".fc-count").text_content() == f"card 4 of {total}"


def moves(explorer, control, k, act):
    """Moves one control with act(control, stop) to the stop farthest from where it is; returns
    the problem seen, or None when the figure changed and its alt text names the new value."""
    data = explorer.evaluate("e => JSON.parse(e.querySelector('script[type=\"application/json\"]').textContent)")
    stops = len(data["labels"][k])
    slider = control.locator("input[type=range]")
    old = int((slider if slider.count() else control.locator("input:checked")).evaluate("e => e.value"))
    new = 0 if old else stops - 1
    image = explorer.locator("img")
    src = image.get_attribute("src")
    act(control, old, new, stops)
    value = data["labels"][k][new]
    shown = f"{data['titles'][k]} = {value}"
    where = f"{data['titles'][k]!r} {old} -> {new}"
    if image.get_attribute("src") == src or shown not in image.get_attribute("alt"):
        return f"{where}: the figure shows {image.get_attribute('alt')!r}"
    # A slider names its value beside the track; a choice marks the button pressed.
    label = control.locator("output" if slider.count() else "input:checked + span").text_content()
    if label != value:
        return f"{where}: the control shows {label!r}, not {value!r}"
    return None


def tap(control, old, new, stops):
    slider = control.locator("input[type=range]")
    if slider.count():
        box = slider.bounding_box()
        thumb = 8  # the stops run from the thumb's centre at one end to its centre at the other
        slider.tap(position={"x": thumb + (box["width"] - 2 * thumb) * new / (stops - 1),
                             "y": box["height"] / 2})
    else:
        control.locator("label").nth(new).tap()


def keys(control, old, new, stops):
    slider = control.locator("input[type=range]")
    if slider.count():
        slider.focus()
        slider.press("Home" if new == 0 else "End")
    else:
        control.locator("input:checked").focus()
        for _ in range(abs(new - old)):  # a radio group moves by one button per arrow
            control.page.keyboard.press("ArrowLeft" if new < old else "ArrowRight")


@pytest.mark.parametrize("screen, act", [("phone", tap), ("desktop", keys)], ids=["touch", "keyboard"])
def test_every_explorer_control_works(visit_on, screen, act):
    assert EXPLORER_PAGES, "no chapter calls adamlib.explore"
    problems, seen = [], 0
    for name in EXPLORER_PAGES:
        page = visit_on(screen)(name).page
        explorers = page.locator(".adamlib-explorer").all()
        if not explorers:
            problems.append(f"{name} calls adamlib.explore but shows no explorer")
        for explorer in explorers:
            titles = explorer.evaluate(
                "e => JSON.parse(e.querySelector('script[type=\"application/json\"]').textContent).titles")
            if explorer.locator(".adamlib-control").count() != len(titles):
                problems.append(f"{name}: an explorer shows fewer controls than its {titles}")
            for k, control in enumerate(explorer.locator(".adamlib-control").all()):
                control.scroll_into_view_if_needed()
                seen += 1
                problem = moves(explorer, control, k, act)
                if problem:
                    problems.append(f"{name}: {problem}")
        page.close()
    assert seen >= len(EXPLORER_PAGES), f"only {seen} explorer controls on {len(EXPLORER_PAGES)} pages"
    assert not problems, f"controls that do not work by {act.__name__}:\n" + "\n".join(problems)


def test_dark_mode_figures_and_deck_follow_the_theme(visit_on):
    visit = visit_on("desktop", color_scheme="dark")
    page = visit(FIRST_CHAPTER).page
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    figure = page.locator("article .cell_output img").first
    explorer = page.locator(".adamlib-explorer img").first
    for what, image in (("a figure", figure), ("an explorer's frame", explorer)):
        image.scroll_into_view_if_needed()
        level = brightness(image.screenshot())
        assert level < 80, f"{what} is light ({level:.0f}/255) on the dark page"
    slab = page.evaluate("""() => getComputedStyle(document.querySelector('.adamlib-explorer')
                              .closest('.text_html')).backgroundColor""")
    assert slab in ("rgba(0, 0, 0, 0)", "transparent"), f"the explorer sits on a card of {slab}"
    deck = visit(REVIEW).page.locator(".fc-card:not([hidden])")
    deck.scroll_into_view_if_needed()
    level = brightness(deck.screenshot())
    assert level < 80, f"the flashcard is light ({level:.0f}/255) on the dark page"


def test_reduced_motion_means_nothing_moves(visit_on):
    page = visit_on("desktop", reduced_motion="reduce")(REVIEW).page
    page.locator(".fc-card:not([hidden])").click()
    page.locator(".fc-next").click()
    page.locator("details.sd-dropdown > summary").first.click()
    moving = page.evaluate("""() => ({
      animations: document.getAnimations().map(a => a.animationName || a.constructor.name),
      transitions: [...document.querySelectorAll('*')].filter(e => getComputedStyle(e)
          .transitionDuration.split(',').some(d => parseFloat(d) > 0)).length,
      smooth: [document.documentElement, document.body].filter(e =>
          getComputedStyle(e).scrollBehavior === 'smooth').length})""")
    assert moving == {"animations": [], "transitions": 0, "smooth": 0}, moving


def test_search_results_show_no_raw_tex(visit_on):
    page = visit_on("desktop")("search").page
    page.goto(page.url + "?q=signal+noise+ratio")
    page.wait_for_function("() => /Search finished/.test(document.getElementById('search-results').textContent)",
                           timeout=30_000)
    results = page.locator("#search-results li")
    assert results.count() >= 1, "the search found nothing to check"
    raw = [text for text in results.all_inner_texts() if re.search(r"\\[A-Za-z]{2,}|\\[()]", text)]
    assert not raw, f"search results with raw TeX: {[t[:120] for t in raw]}"


@pytest.mark.parametrize("name", ["genindex", "chapters/adamlib_reference"])
def test_index_and_reference_fit_a_phone(visit_on, name):
    page = visit_on("phone")(name).page
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= SCREENS["phone"]["viewport"]["width"] + 1, f"{name} is {width} px wide on a phone"


def test_notation_tables_read_on_a_phone(visit_on):
    page = visit_on("phone")(NOTATION).page
    column = page.locator("article").bounding_box()["width"]
    narrow = page.evaluate("""(column) => [...document.querySelectorAll('article td')]
        .filter(td => td.textContent.trim() && td.getBoundingClientRect().width < 0.6 * column)
        .map(td => td.textContent.trim().slice(0, 30))""", column)
    assert not narrow, f"{len(narrow)} table cells squeezed into a narrow column, e.g. {narrow[:3]}"
    # each cell under its column's name
    labels = set(page.eval_on_selector_all(".stacked-table td[data-label]",
                                           "tds => tds.map(td => td.dataset.label)"))
    assert {"meaning", "introduced", "in adamlib"} <= labels, labels
