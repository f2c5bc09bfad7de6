"""The self-check quizzes in a browser (issue 16, part 3): on the built book's pages, at a
desktop's width and a phone's, and in JupyterLab itself, where a reader runs the cell.

What a reader does: a wrong choice is marked wrong and shows its why, the right one is marked
right; a numeric answer outside the tolerance is "not quite", inside it "right". What the page
must not do (issue 10's rules): ask anything of the network, log a console error, leave the
math raw, or be wider than the screen.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import tools.book
from adamlib.course.quiz import load_quiz
from test_screen_reader import brightness

ROOT = Path(__file__).resolve().parents[1]
FIRST_CHAPTER = ("chapters/01_gradient_descent", "chapter1")


def quiz_pages() -> list[tuple[str, str]]:
    """(page, quiz module) of each page of the book whose notebook calls show_quiz."""
    found = []
    for name in tools.book.toc_pages():
        path = ROOT / f"{name}.ipynb"
        if path.is_file():
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                source = "".join(cell["source"])
                if cell["cell_type"] == "code" and "show_quiz(" in source:
                    found.append((name, source.split('show_quiz("')[1].split('"')[0]))
    return found


def answer_all(quiz, module: str) -> list[str]:
    """Answers every question of a quiz as a reader would, wrong first; returns what went amiss."""
    problems = []
    for n, (question, box) in enumerate(zip(load_quiz(module), quiz.locator(".aq-q").all()), 1):
        feedback = box.locator(".aq-feedback")
        box.scroll_into_view_if_needed()
        if "options" in question:
            right = [o["correct"] for o in question["options"]].index(True)
            for k in (1 - min(right, 1), right):   # a wrong option by keyboard, then the right one
                option = box.locator(".aq-option").nth(k)
                if k == right:
                    option.click()
                else:
                    option.focus()
                    option.press("Enter")
                verdict = "Right." if k == right else "Not quite."
                marked = "aq-right" if k == right else "aq-wrong"
                said = "(right)" if k == right else "(not quite)"   # what a screen reader reads
                shown = feedback.inner_text().strip()
                if (marked not in option.get_attribute("class") or not shown.startswith(verdict)
                        or said not in option.text_content()):
                    problems.append(f"question {n}, option {k + 1}: marked "
                                    f"{option.get_attribute('class')!r}, says {shown[:60]!r}")
        else:
            field = box.locator("input")
            for value, verdict, press in (
                    (question["answer"] + 3 * question["tolerance"], "Not quite.", "Enter"),
                    (question["answer"] - question["tolerance"] / 2, "Right.", None)):
                field.fill(repr(value))
                field.press("Enter") if press else box.locator(".aq-check").click()
                shown = feedback.inner_text().strip()
                if not shown.startswith(verdict) or "Answer:" not in shown:
                    problems.append(f"question {n}: {value!r} gives {shown[:60]!r}, not {verdict}")
    return problems


def test_chapter_one_shows_its_quiz():
    assert FIRST_CHAPTER in quiz_pages(), "chapter 1's notebook does not call show_quiz"


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_quiz_answers_the_reader_in_the_page(visit_on, screen):
    problems = []
    for name, module in quiz_pages():
        visit = visit_on(screen)(name)
        quiz = visit.page.locator(".aq-quiz")
        if quiz.count() != 1 or "aq-live" not in quiz.get_attribute("class"):
            problems.append(f"{name}: {quiz.count()} quizzes, or its script did not run")
            continue
        if quiz.locator("mjx-container").count() == 0 or "\\(" in quiz.inner_text():
            problems.append(f"{name}: the page's MathJax left the quiz's math raw")
        problems += [f"{name}: {p}" for p in answer_all(quiz, module)]
        wide = visit.page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        overflow = quiz.evaluate("e => e.scrollWidth - e.clientWidth")
        if wide > 0 or overflow > 0:
            problems.append(f"{name}: {wide} px wider than the screen, the quiz {overflow} px")
        problems += [f"{name}: {e}" for e in visit.real_errors()]
        problems += [f"{name}: asked {url}" for url in visit.external_requests()]
    assert quiz_pages() and not problems, "\n".join(problems)


def test_the_quiz_follows_the_dark_theme(visit_on):
    page = visit_on("desktop", color_scheme="dark")(FIRST_CHAPTER[0]).page
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    option = page.locator(".aq-quiz .aq-option").first
    option.scroll_into_view_if_needed()
    level = brightness(option.screenshot())
    assert level < 80, f"a quiz option is light ({level:.0f}/255) on the dark page"


def test_without_javascript_the_questions_show_with_their_answers_folded(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}{FIRST_CHAPTER[0]}.html")
    questions = load_quiz(FIRST_CHAPTER[1])
    answers = page.locator(".aq-quiz details.aq-answer")
    assert page.locator(".aq-quiz .aq-q").count() == len(questions) == answers.count()
    assert answers.first.is_visible() and not answers.first.locator("ul, p").first.is_visible()
    context.close()


# -- JupyterLab: the reader runs the cell ------------------------------------------------------

LAB = Path(sys.executable).with_name("jupyter-lab")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    """JupyterLab serving a folder with one notebook that shows chapter 1's quiz; its URL."""
    if not LAB.exists():
        pytest.skip(f"JupyterLab is not installed beside {sys.executable}")
    cell = {"cell_type": "code", "execution_count": None, "id": "quiz", "metadata": {},
            "outputs": [], "source": f'from adamlib.course.quiz import show_quiz\nshow_quiz("{FIRST_CHAPTER[1]}")'}
    notebook = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5,
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}}}
    (tmp_path / "quiz.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    port, token = free_port(), "quiz-test-token"
    home = tmp_path / "home"
    # No toast asking about Jupyter's news over the quiz's buttons.
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home),
           "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "IPYTHONDIR": str(home / "ipython")}
    server = subprocess.Popen(
        [str(LAB), "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
         f"--LabApp.workspaces_dir={home / 'workspaces'}",
         f"--LabApp.user_settings_dir={home / 'settings'}",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("JupyterLab did not answer within 20 s")
        yield f"{url}/lab/tree/quiz.ipynb?token={token}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)


def test_the_quiz_works_in_jupyterlab(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab)
    quiz = page.locator(".jp-OutputArea-output .aq-quiz")
    # A run asked for before the kernel is connected is dropped, and the status may read idle
    # before it is: run the cell (Ctrl+Enter stays on it) until it shows its output.
    deadline = time.monotonic() + 90
    while not quiz.count() and time.monotonic() < deadline:
        page.locator(".jp-Cell .jp-InputArea-editor").first.click()
        page.keyboard.press("Control+Enter")
        try:
            quiz.wait_for(timeout=5000)
        except PlaywrightTimeout:
            pass
    assert quiz.count() == 1, "running the cell showed no quiz"
    assert "aq-live" in quiz.get_attribute("class"), "JupyterLab did not run the quiz's script"
    quiz.locator("mjx-container").first.wait_for(timeout=10000)
    problems = answer_all(quiz, FIRST_CHAPTER[1])
    context.close()
    assert not problems and not errors, "\n".join(problems + errors)
    assert not [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None)]
