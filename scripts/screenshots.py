"""Screenshots of the built site for reviewers: key pages at 390 px and 1280 px, light and dark.

Usage: ``make screenshots`` (builds into site/ first), or ``python scripts/screenshots.py [SITE_DIR] [OUT_DIR]``.
Serves SITE_DIR on 127.0.0.1 and drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) with Playwright;
nothing is downloaded. Writes OUT_DIR/<page>-<width>-<scheme>.png (full-page), and for each of SEARCHES the search
dialog with a query's results, OUT_DIR/search-<name>-<width>-<scheme>.png (the window).
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "visit": "visit/",
    "treaty": "treaty/",
    "what-next": "what-next/",
    "relations": "relations/",
    "timeline": "timeline/",
    "compare": "compare/",
    "actor": "actors/sergei-lavrov/",
    "place": "places/tehran/",
    "grand-bargain": "grand-bargain/",
    # A quote beside its Persian original, one beside its Russian original, and an actor's names in both scripts.
    "quote-fa": "quotes/araghchi-no-talks-under-pressure/",
    "quote-ru": "quotes/putin-unprovoked-aggression/",
    "actor-native-names": "actors/abbas-araghchi/",
}
# Queries typed into the search dialog: a word form, and words in Persian and in Russian.
SEARCHES = {"forms": "Putin ratified", "persian": "مذاکره تحریم", "russian": "абсолютно неспровоцированной"}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(site: Path, out: Path) -> None:
    if not (site / "index.html").exists():
        sys.exit(f"{site}/index.html not found: build the site first (make build)")
    out.mkdir(parents=True, exist_ok=True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for width in WIDTHS:
                for scheme in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(base + path, wait_until="networkidle")
                        target = out / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                    for name, query in SEARCHES.items():
                        page.goto(base, wait_until="networkidle")
                        page.keyboard.press("/")
                        page.locator(".tme-search__input").fill(query)
                        page.wait_for_function(
                            "q => document.querySelector('.tme-search__status')?.textContent.endsWith(`for “${q}”`)",
                            arg=query,
                        )
                        target = out / f"search-{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(target))
                        print(target)
                    context.close()
            browser.close()
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else Path("site"), Path(args[1]) if len(args) > 1 else Path("screenshots"))
