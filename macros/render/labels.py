"""Words the site shows for the data's enum values: one table per field, declared in the schemas (``x-labels``,
``x-headings``, ``x-nouns`` on the enum field) and read from the registry when first used; language names here."""

from __future__ import annotations

from macros.core.collections import registry

# Each table the templates and phrases use: name → (collection, enum field, kind of words).
FROM_SCHEMAS = {
    "SETTING_LABELS": ("quotes", "setting.kind", "x-labels"),
    "STATUS_LABELS": ("treaties", "status.status", "x-labels"),
    "SOURCE_KIND_LABELS": ("sources", "kind", "x-labels"),
    "SOURCE_KIND_HEADINGS": ("sources", "kind", "x-headings"),
    "SOURCE_KIND_NOUNS": ("sources", "kind", "x-nouns"),
    "OUTLET_TYPE_LABELS": ("actors", "outlet_type", "x-labels"),
    "ASSESSMENT_LABELS": ("claims", "assessment", "x-labels"),
    "TOPIC_LABELS": ("treaties", "provisions.topic", "x-labels"),
    "ACTOR_KIND_LABELS": ("actors", "kind", "x-labels"),
    "CAMP_HEADINGS": ("actors", "camp", "x-headings"),
    "EVENT_KIND_LABELS": ("events", "kind", "x-labels"),
    "PLACE_KIND_LABELS": ("places", "kind", "x-labels"),
}
LANGUAGE_NAMES = {
    "am": "Amharic",
    "ar": "Arabic",
    "az": "Azerbaijani",
    "bg": "Bulgarian",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "it": "Italian",
    "mr": "Marathi",
    "ru": "Russian",
    "sco": "Scots",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}


def __getattr__(name: str) -> dict[str, str]:
    """A label table, from the schemas: the registry of this build keeps it, so a schema edit under `mkdocs serve`
    (a new registry for the next build) shows its words on the next rebuild."""
    if name not in FROM_SCHEMAS:
        raise AttributeError(name)
    return registry().labels(*FROM_SCHEMAS[name])
