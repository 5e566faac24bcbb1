"""Macros for hand-written pages (mkdocs-macros-plugin): names, quotes and facts come from the data."""

from __future__ import annotations

from markupsafe import Markup

from macros.core.collections import BY_NAME
from macros.core.dates import PartialDate
from macros.mkdocs_glue import build_state
from macros.render import urls
from macros.render.escape import text
from macros.render.linker import Linker


def define_env(env) -> None:
    state = build_state.current()

    def here() -> Linker:
        return state.linker(urls.page_url(env.page.file.src_uri))

    def named(collection: str):
        def macro(record_id: str, label: str | None = None) -> Markup:
            ln = here()
            return ln.link(ln.get(collection, record_id), label)

        macro.__name__ = BY_NAME[collection].singular if collection != "glossary" else "term"
        macro.__doc__ = f"Link to a record in {collection}, labelled with its name (or `label`)."
        return macro

    for collection in ("actors", "treaties", "events", "sources", "glossary"):
        env.macro(named(collection))

    @env.macro
    def link(collection: str, record_id: str, label: str | None = None) -> Markup:
        """Link to any record."""
        ln = here()
        return ln.link(ln.get(collection, record_id), label)

    @env.macro
    def quote(record_id: str) -> Markup:
        """A quote card: the exact words, speaker, setting, date and source."""
        ln = here()
        return state.renderer.fragment(ln.page_url, "quote_card", ln.get("quotes", record_id))

    @env.macro
    def fact(collection: str, record_id: str, field: str) -> Markup:
        """One field of a record, e.g. ``fact("treaties", "russia-iran-treaty", "term")``; dotted paths allowed."""
        value: object = here().get(collection, record_id)
        for part in field.split("."):
            value = getattr(value, part)
        if isinstance(value, PartialDate):
            return Linker.date(value)
        return text(value)

    @env.macro
    def infobox(collection: str, record_id: str) -> Markup:
        """A record's fact box, as on its own page."""
        ln = here()
        record = ln.get(collection, record_id)
        return Markup(state.renderer.env.get_template("infobox.html").render(r=record, ln=ln))

    @env.macro
    def key_facts(collection: str, record_id: str) -> Markup:
        """Key facts at a glance for an event or a treaty: when, where, who, what it is, status, with sources."""
        ln = here()
        return state.renderer.key_facts(ln, ln.get(collection, record_id))

    @env.macro
    def count(collection: str) -> int:
        """How many records a collection has."""
        return len(state.site.dataset.records[collection])
