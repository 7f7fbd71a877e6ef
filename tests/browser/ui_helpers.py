"""A Playwright page watched for what must not happen (dialogs, errors), with screenshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class Watched:
    """A page and what it did that it should not: dialogs, uncaught errors, console errors."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, hash_: str = "") -> None:
        self.page.goto(f"{self.base}/{hash_}")
        self.ready()

    def ready(self) -> None:
        # drawn, and drawn for the hash the page is at now (its hashchange may not have run yet)
        here = self.page.evaluate("location.hash")
        self.page.wait_for_selector(f"body[data-ready=true][data-route={json.dumps(here)}]", timeout=20_000)

    def shot(self, name: str, selector: str | None = None) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"ui-{name}.png"
        if selector:
            self.page.locator(selector).screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path), full_page=False)
        return path
