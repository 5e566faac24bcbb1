"""A synthetic project of any size: N actors, 10·N quotes, N/10 treaties and events, deterministic.

References are arithmetic, not random, so every record's page has the same shape at every N (actor k speaks
quotes 10k…10k+9 and is the subject of twenty others): page sizes can be compared across N.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("person", "person", "person", "person", "state", "organisation", "outlet", "person", "grouping", "person")
WORDS = [
    "treaty",
    "cooperation",
    "minister",
    "talks",
    "pressure",
    "sanctions",
    "framework",
    "energy",
    "transport",
    "security",
    "economic",
    "visit",
    "partnership",
    "agreement",
    "region",
    "negotiations",
    "nuclear",
    "diplomatic",
    "strategic",
    "order",
    "ministry",
    "embassy",
    "interview",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, chars: int) -> str:
    parts, size = [], 0
    while size < chars:
        parts.append(sentence(rng, rng.randint(8, 16)))
        size += len(parts[-1]) + 1
    return " ".join(parts)


def actor_id(i: int) -> str:
    return f"actor-{i:06d}"


def state_of(i: int, n: int) -> str:
    """The nearest state at or before actor i (actor 4 of every ten is a state)."""
    base = (i // 10) * 10 + 4
    return actor_id(base if base < n else 4)


def actors(n: int, seed: int) -> list[dict]:
    out = []
    for i in range(n):
        rng = random.Random(f"{seed}-actor-{i}")
        kind = KINDS[i % 10]
        record = {"id": actor_id(i), "name": f"Actor {i:06d} {rng.choice(WORDS).title()}", "kind": kind}
        record["aliases"] = [f"Alias {i:06d}"]
        if kind in ("person", "outlet", "organisation"):
            record["affiliation"] = state_of(i, n)
        if kind == "person":
            office = "Minister of " + rng.choice(WORDS).title()
            record["roles"] = [
                {"office": office, "of": state_of(i, n), "sources": [f"source-{(i // 10) % max(n // 10, 1):06d}"]}
            ]
        if kind == "grouping":
            record["members"] = [state_of(i, n), state_of((i + 10) % n, n)]
        record["summary"] = paragraph(rng, 550)
        record["sources"] = [f"source-{(i // 10) % max(n // 10, 1):06d}"]
        out.append(record)
    return out


def speaker_for(q: int, n: int) -> str:
    """Quote q is spoken by actor q // 10, or by the nearest person before it if that actor cannot speak."""
    i = q // 10
    return actor_id(i if KINDS[i % 10] in ("person", "organisation", "outlet") else i - 1 if i % 10 else i + 1)


def quotes(n: int, seed: int) -> list[dict]:
    out = []
    events = max(n // 10, 1)
    for q in range(10 * n):
        rng = random.Random(f"{seed}-quote-{q}")
        i = q // 10
        record = {
            "id": f"quote-{q:07d}",
            "text": paragraph(rng, rng.randint(100, 400)),
            "speaker": speaker_for(q, n),
            "date": f"{2015 + (q % 10)}-{1 + q % 12:02d}",
            "setting": {"kind": "press-conference", "event": f"event-{i % events:06d}"},
            "source": f"source-{i % events:06d}",
            "language": "en",
            "provenance": "traced",
            "about_actors": [actor_id((i + 1) % n), actor_id((i + 7) % n)],
            "about_treaties": [f"treaty-{i % events:06d}"],
            "context": sentence(rng, 14),
        }
        out.append(record)
    return out


def treaties(n: int, seed: int) -> list[dict]:
    out = []
    for t in range(max(n // 10, 1)):
        rng = random.Random(f"{seed}-treaty-{t}")
        year = 2000 + t % 20
        out.append(
            {
                "id": f"treaty-{t:06d}",
                "name": f"Treaty {t:06d} on {rng.choice(WORDS).title()} Cooperation",
                "short_name": f"Treaty {t:06d}",
                "parties": [state_of(t * 10, n), state_of(t * 10 + 10, n) if t * 10 + 10 < n else actor_id(4)],
                "signatories": [actor_id(t * 10)],
                "signed": {"date": f"{year}-03-01", "place": rng.choice(WORDS).title()},
                "term": f"{10 + t % 20} years",
                "legally_binding": t % 2 == 0,
                "compare": t < 3,
                "status": [
                    {"status": "signed", "date": f"{year}-03-01", "sources": [f"source-{t:06d}"]},
                    {
                        "status": "ratified",
                        "date": f"{year}-09-01",
                        "party": state_of(t * 10, n),
                        "sources": [f"source-{t:06d}"],
                    },
                ],
                "provisions": [
                    {
                        "article": str(a),
                        "title": sentence(rng, 3),
                        "summary": paragraph(rng, 200),
                        "topic": "security",
                        "sources": [f"source-{t:06d}"],
                    }
                    for a in range(1, 4)
                ],
                "summary": paragraph(rng, 600),
                "sources": [f"source-{t:06d}"],
            }
        )
    return out


def events(n: int, seed: int) -> list[dict]:
    out = []
    for e in range(max(n // 10, 1)):
        rng = random.Random(f"{seed}-event-{e}")
        out.append(
            {
                "id": f"event-{e:06d}",
                "title": f"Event {e:06d}: {sentence(rng, 4)}",
                "date": f"{2010 + e % 15}-{1 + e % 12:02d}-{1 + e % 28:02d}",
                "place": rng.choice(WORDS).title(),
                "participants": [actor_id(e * 10), actor_id(e * 10 + 1), state_of(e * 10, n)],
                "treaties": [f"treaty-{e:06d}"],
                "summary": paragraph(rng, 500),
                "sources": [f"source-{e:06d}"],
            }
        )
    return out


def sources(n: int) -> list[dict]:
    return [
        {
            "id": f"source-{s:06d}",
            "title": f"Report number {s:06d}",
            "outlet": actor_id(6),
            "url": f"https://news.example.org/report/{s:06d}",
            "published": f"{2015 + s % 10}-05-01",
            "language": "en",
            "kind": "news-report",
        }
        for s in range(max(n // 10, 1))
    ]


def glossary() -> list[dict]:
    return [
        {"id": f"term-{w}", "term": w.upper(), "definition": f"The {w} term.", "sources": ["source-000000"]}
        for w in WORDS[:10]
    ]


REVIEWED = "---\nreviewed: 2026-12-01\n---\n\n"  # the front matter a narrative page needs
NARRATIVES = {
    "index.md": '# Synthetic explainer\n\n{{{{ actor("{a0}") }}}} and {{{{ treaty("treaty-000000") }}}}.\n\n'
    '{{{{ quote("quote-0000000") }}}}\n\nThere are {{{{ count("actors") }}}} actors.\n',
    "visit.md": '# The visit\n\n{{{{ event("event-000000") }}}} with {{{{ actor("{a1}") }}}}.\n\n'
    '{{{{ quote("quote-0000001") }}}}\n',
    "treaty.md": '# The treaty\n\n{{{{ infobox("treaties", "treaty-000000") }}}}\n\n'
    'Term: {{{{ fact("treaties", "treaty-000000", "term") }}}}.\n',
    "grand-bargain.md": '# Fears of a grand bargain\n\n{{{{ quote("quote-0000002") }}}}\n',
    "about.md": '# About the data\n\n{{{{ count("quotes") }}}} quotes; {{{{ source("source-000000") }}}}.\n',
    "what-next.md": '# What happened next\n\n{{{{ event("event-000000") }}}} and after.\n',
}


def dump(path: Path, schema: str, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n"
    path.write_text(header + yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(n: int, dest: Path, seed: int = 2025) -> Path:
    """Write a complete project of size ``n`` to ``dest`` (replacing it) and return ``dest``."""
    if n < 10:
        raise ValueError("n must be at least 10")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for part in ("macros", "overrides", "schemas"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    for name, text in NARRATIVES.items():
        page = REVIEWED + text.format(a0=actor_id(0), a1=actor_id(1))
        (dest / "docs" / name).write_text(page, encoding="utf-8")
    for extra in ("performance.md",):
        if (ROOT / "docs" / extra).exists():
            shutil.copy2(ROOT / "docs" / extra, dest / "docs" / extra)
    data = dest / "data"
    all_actors = actors(n, seed)
    for start in range(0, n, 1000):  # files of up to 1000 records, as contributors would split them
        dump(data / "actors" / f"actors-{start:06d}.yml", "actor", all_actors[start : start + 1000])
    all_quotes = quotes(n, seed)
    for start in range(0, len(all_quotes), 5000):
        dump(data / "quotes" / f"quotes-{start:07d}.yml", "quote", all_quotes[start : start + 5000])
    dump(data / "treaties" / "treaties.yml", "treaty", treaties(n, seed))
    dump(data / "events" / "events.yml", "event", events(n, seed))
    dump(data / "sources" / "sources.yml", "source", sources(n))
    dump(data / "glossary" / "terms.yml", "glossary", glossary())
    return dest
