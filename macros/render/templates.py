"""The Jinja environment for record pages and quote cards: autoescaping, strict, data never a template."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.runtime import Context, Macro
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


@pass_context
def own_macro(context: Context, record: object, suffix: str, module: object = None) -> Macro | None:
    """The macro for a record's collection, found by name in the calling template (or in an imported ``module``), or
    none: a collection's own fact box, list entry and key facts are found as its templates are
    (``<x-collection.template>_box``, ``_item``, ``_facts``), so a collection added by a schema needs no branch."""
    name = context["ln"].data.collections[record.collection].template + suffix  # type: ignore[attr-defined]
    found = getattr(module, name, None) if module is not None else context.vars.get(name)
    return found if isinstance(found, Macro) else None


@pass_context
def unshown_box(context: Context, record: object) -> Markup:
    """On a record page, once its template has shown the record: the filled fields it did not show, as fact-box rows
    (fields.html); nothing, and no template work, when it showed them all."""
    ln = context["ln"]
    rows = generic.unshown_rows(ln.data.collections, record)
    if not rows:
        return Markup("")
    return Markup(context.environment.get_template("fields.html").make_module({"ln": ln}).more_box(record, rows))


def macros_in(env: Environment, template: str) -> set[str]:
    """The names of the macros a template defines, read from its source (rendering it would need its variables)."""
    source, _, _ = env.loader.get_source(env, template)  # type: ignore[union-attr]
    return {node.name for node in env.parse(source).find_all(nodes.Macro)}


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
    env.filters["isolated"] = phrases.isolated
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
        lang_attributes=phrases.lang_attributes,
        in_language=phrases.in_language,
        quote_marks=phrases.quote_marks,
        rendering_label=phrases.rendering_label,
        no_original=phrases.no_original,
        native_names=phrases.native_names,
        native_names_label=phrases.native_names_label,
        count=wording.count,
        count_records=wording.count_records,
        definite=wording.definite,
        attributive=wording.attributive,
        article_label=wording.article_label,
        cite=_with_page_linker(phrases.cite),
        citation=_with_page_linker(phrases.citation),
        source_line=_with_page_linker(phrases.source_line),
        status_sentence=_with_page_linker(statuses.status_sentence),
        current_status=_with_page_linker(statuses.current_status),
        place_map=_with_page_linker(lambda ln, place: maps.place_map(ln.data, place)),
        actor_ties=_with_page_linker(_actor_ties),
        quote_setting=_with_page_linker(phrases.setting),
        provenance=_with_page_linker(phrases.provenance),
        search_names=index_words,
        section_title=_with_page_linker(lambda ln, *args, **kw: headings.section_title(ln.heading_ids, *args, **kw)),
        record_rows=_with_page_linker(lambda ln, record: generic.record_rows(ln.data.collections, record)),
        unshown_box=unshown_box,
        own_macro=own_macro,
        **facts.GLOBALS,
    )
    return env
