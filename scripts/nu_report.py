"""Summarise the Nu Html Checker's JSON output, separating errors the theme's own templates cause from ours.

An error is the theme's when the markup it points at appears verbatim in one of Material's templates and in none of
the site's (overrides/, macros/render/); everything else, including anything that cannot be attributed, counts as
the site's. Usage: ``nu_report.py VNU_JSON SITE_DIR``; exits 1 when the site's own templates cause an error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
THEME = Path(material.__file__).parent / "templates"


def _sources(*folders: Path) -> str:
    texts = [p.read_text(encoding="utf-8") for f in folders for p in f.rglob("*") if p.suffix in (".html", ".py")]
    return " ".join(" ".join(texts).split())


def main(report: str, site: str) -> int:
    messages = [m for m in json.loads(Path(report).read_text(encoding="utf-8"))["messages"] if m["type"] == "error"]
    theme, ours = _sources(THEME), _sources(ROOT / "overrides", ROOT / "macros" / "render")
    origin: dict[str, Counter] = {"theme": Counter(), "site": Counter()}
    pages: dict[tuple[str, str], set[str]] = {}
    for m in messages:
        extract = m.get("extract", "")
        marked = " ".join(extract[m.get("hiliteStart", 0) :][: m.get("hiliteLength", len(extract))].split())
        who = "theme" if marked and marked in theme and marked not in ours else "site"
        key = f"{m['message']}\n      at: {marked}"
        origin[who][key] += 1
        pages.setdefault((who, key), set()).add(m["url"].split(site.rstrip("/") + "/", 1)[-1])
    for who, label in (("site", "caused by the site's templates"), ("theme", "caused by Material's own templates")):
        print(f"{sum(origin[who].values())} errors {label}")
        for key, count in origin[who].most_common():
            print(f"  {count} × {key}\n      on {len(pages[(who, key)])} pages, e.g. {sorted(pages[(who, key)])[0]}")
    return 1 if origin["site"] else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
