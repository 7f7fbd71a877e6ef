"""Browser tests: the web UI in real headless Chromium (Debian's `chromium`, driven by
Playwright's Python client with ``executable_path``; Playwright's own browser download is never
used).  The server runs with uvicorn on a free loopback port over the bundled sample corpus,
analysed by the real pipeline, plus an article with markup payloads in its text.

Screenshots of each view go to ``test-artifacts/`` (gitignored).  The tests skip, saying why,
only when no chromium binary is installed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import Watched

from dateline.api import Dateline
from dateline.pipeline import Pipeline
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "dateline" / "data" / "sample" / "articles"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# Invented for the tests: script and image-tag payloads inside an article's text and sentences.
XSS_ARTICLE = """Harbour council rejects fishing quota after hacked notice board

Published March 12, 2026

PORTVALE — The harbour council rejected the new fishing quota on Tuesday, a day after its public \
notice board was defaced with the text <script>alert(1)</script> by unknown intruders.

Council chair Mara Lindqvist met union leader Tomas Brekke in Portvale on March 10, 2026, and said \
the board had also shown an image tag <img src=x onerror=alert(1)> that did nothing.
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the web UI in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium); browser tests need one")
    return path


@pytest.fixture(scope="module")
def ui_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline, chromium: str) -> Dateline:
    folder = tmp_path_factory.mktemp("ui")
    (folder / "notice-board.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    dl = Dateline(folder / "ui.db", Settings(), pipeline=pipeline)
    report = dl.ingest([SAMPLE, folder / "notice-board.txt"])
    assert report.rejected == 0 and report.added > 20, report.messages
    return dl


@pytest.fixture(scope="module")
def server(ui_store: Dateline) -> Iterator[str]:
    from dateline.bench.server_latency import LoopbackServer
    from dateline.server import create_app

    with LoopbackServer(create_app(ui_store)) as s:
        yield s.url


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def ui(browser: Any, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watched = Watched(page, server)
    yield watched
    context.close()
    assert watched.dialogs == [], f"a dialog opened: {watched.dialogs}"
    assert watched.errors == [], f"errors in the page: {watched.errors}"
