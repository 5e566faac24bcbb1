"""The Jinja environment for record pages and quote cards: autoescaping, strict, data never a template."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from macros.render import diagram, facts, generic, headings, labels, maps, phrases, statuses, ties, wording
from macros.render.escape import attribute, text
from macros.search.names import index_words

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "overrides" / "templates" / "fragments"


def _finalize(value: object) -> object:
    """Every value printed by a template: Markup as is, nothing for None, else escaped inert text."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return text(value)


def _with_page_linker(function: Callable) -> Callable:
    """A phrase function called from a template with the page's Linker (``ln``) as its first argument."""

    @pass_context
    def call(context: Context, *args: object, **kwargs: object) -> object:
        return function(context["ln"], *args, **kwargs)

    call.__name__ = function.__name__
    return call


def _label(table: str) -> Callable[[str], str]:
    """A template function giving an enum value's words, looked up when called: the environment lives for the whole
    process, the label tables only as long as the schemas they are read from."""

    def label(value: str) -> str:
        return getattr(labels, table)[value]

    label.__name__ = table.lower()
    return label


def _actor_ties(ln, actor) -> tuple | None:
    """An actor page's diagram of its own ties and its layout, or None when the data records none."""
    graph = ties.actor_ties(ln.data, actor)
    return (graph, diagram.layout_ties(graph)) if graph is not None else None


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """One environment per templates folder, created once per process."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = attribute
    env.filters["text"] = text
    env.globals.update(
        setting_label=_label("SETTING_LABELS"),
        status_label=_label("STATUS_LABELS"),
        assessment_label=_label("ASSESSMENT_LABELS"),
        source_kind_label=_label("SOURCE_KIND_LABELS"),
        topic_label=_label("TOPIC_LABELS"),
        outlet_type_label=_label("OUTLET_TYPE_LABELS"),
        actor_kind_label=_label("ACTOR_KIND_LABELS"),
        event_kind_label=_label("EVENT_KIND_LABELS"),
        place_kind_label=_label("PLACE_KIND_LABELS"),
        language_name=phrases.language,
        external=phrases.external,
        translation=phrases.translation,
        count=wording.count,
        count_records=wording.count_records,
        definite=wording.definite,
        attributive=wording.attributive,
        article_label=wording.article_label,
        cite=_with_page_linker(phrases.cite),
        source_line=_with_page_linker(phrases.source_line),
        status_sentence=_with_page_linker(statuses.status_sentence),
        place_map=_with_page_linker(lambda ln, place: maps.place_map(ln.data, place)),
        actor_ties=_with_page_linker(_actor_ties),
        quote_setting=_with_page_linker(phrases.setting),
        provenance=_with_page_linker(phrases.provenance),
        search_names=index_words,
        section_title=_with_page_linker(lambda ln, *args, **kw: headings.section_title(ln.heading_ids, *args, **kw)),
        record_rows=_with_page_linker(lambda ln, record: generic.record_rows(ln.data.collections, record)),
        **facts.GLOBALS,
    )
    return env
