"""Macros for hand-written pages (mkdocs-macros-plugin): names, quotes and facts come from the data."""

from __future__ import annotations

from markupsafe import Markup

from macros.core.collections import BY_NAME
from macros.core.dates import PartialDate
from macros.core.terms import resolve_term
from macros.mkdocs_glue import build_state
from macros.render import urls, wording
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

        macro.__name__ = BY_NAME[collection].macro
        macro.__doc__ = f"Link to a record in {collection}, labelled with its name (or `label`)."
        return macro

    for collection in ("actors", "treaties", "events", "sources", "claims"):
        env.macro(named(collection))

    @env.macro
    def term(record_id: str, label: str | None = None) -> Markup:
        """Link to the page for a term: a glossary record, or the actor or treaty that is the term (E3, JCPOA)."""
        ln = here()
        key = resolve_term(state.site.dataset.records, record_id) or ("glossary", record_id)
        return ln.link(ln.get(*key), label)

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
    def fact(collection: str, record_id: str, field: str, form: str | None = None) -> Markup:
        """One field of a record, e.g. ``fact("treaties", "russia-iran-treaty", "term")``; dotted paths allowed.
        ``form="attributive"`` puts a duration before a noun: ``the {{ fact(…, "term", form="attributive") }}
        treaty`` reads "the 20-year treaty"."""
        value: object = here().get(collection, record_id)
        for part in field.split("."):
            value = getattr(value, part, None)
            if value is None:
                raise ValueError(f"fact(): {collection}/{record_id} has no '{field}'; cite a field the record fills in")
        if isinstance(value, PartialDate):
            return Linker.date(value)
        if form == "attributive":
            return text(wording.attributive(str(value)))
        if form is not None:
            raise ValueError(f"fact(): unknown form '{form}'; the only form is 'attributive'")
        return text(value)

    @env.macro
    def the(collection: str, record_id: str, start: bool = False) -> Markup:
        """``the`` and a link to a record, never "the The …": ``{{ the("actors", "emir-of-qatar") }}``."""
        ln = here()
        record = ln.get(collection, record_id)
        phrase = wording.definite(record.title, start=start)
        if phrase == record.title:
            return ln.link(record)
        article, rest = phrase.split(" ", 1)
        return text(article + " ") + ln.link(record, rest)

    @env.macro
    def claim_card(record_id: str) -> Markup:
        """A claim card: the article's words, the assessment and what the record shows, with sources."""
        ln = here()
        return state.renderer.fragment(ln.page_url, "claim_card", ln.get("claims", record_id))

    @env.macro
    def infobox(collection: str, record_id: str) -> Markup:
        """A record's fact box, as on its own page."""
        ln = here()
        record = ln.get(collection, record_id)
        return Markup(state.renderer.env.get_template("infobox.html").render(r=record, ln=ln))

    @env.macro
    def count(collection: str) -> int:
        """How many records a collection has."""
        return len(state.site.dataset.records[collection])
