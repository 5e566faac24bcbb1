"""Words the site shows for the data's enum values: one table per field, used by templates and phrases alike."""

from __future__ import annotations

SETTING_LABELS = {
    "press-conference": "press conference",
    "interview": "interview",
    "statement": "statement",
    "meeting": "meeting",
    "article": "article",
    "social-media": "social-media post",
    "editorial": "editorial",
}
STATUS_LABELS = {
    "concluded": "Concluded",
    "signed": "Signed",
    "endorsed": "Endorsed",
    "approved-by-parliament": "Approved by parliament",
    "approved-by-upper-house": "Approved by the upper house",
    "approved-by-council": "Approved by the reviewing council",
    "ratified": "Ratified",
    "promulgated": "Promulgated as law",
    "notified": "Ratification notified",
    "in-force": "In force",
    "snapback-triggered": "Snapback triggered",
    "sanctions-reimposed": "UN sanctions reimposed",
    "suspended": "Suspended",
    "lapsed": "Lapsed",
    "terminated": "Terminated",
    "withdrawn": "Withdrawal",
}
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "az": "Azerbaijani",
    "bg": "Bulgarian",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "it": "Italian",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
# kind → (label, plural heading, noun after a possessive: "Traced to IRNA’s report")
SOURCE_KINDS = {
    "official-statement": ("official statement", "Official statements", "statement"),
    "transcript": ("transcript", "Transcripts", "transcript"),
    "news-report": ("news report", "News reports", "report"),
    "interview": ("interview", "Interviews", "interview"),
    "analysis": ("analysis", "Analysis", "analysis"),
    "opinion": ("opinion", "Opinion", "article"),
    "reference": ("reference", "Reference works", "entry"),
    "treaty-text": ("treaty text", "Treaty texts", "text of the treaty"),
}
SOURCE_KIND_LABELS = {kind: names[0] for kind, names in SOURCE_KINDS.items()}
SOURCE_KIND_HEADINGS = {kind: names[1] for kind, names in SOURCE_KINDS.items()}
SOURCE_KIND_NOUNS = {kind: names[2] for kind, names in SOURCE_KINDS.items()}
OUTLET_TYPE_LABELS = {
    "news-agency": "news agency",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "ministry": "ministry",
    "blog": "blog",
    "think-tank": "think tank",
    "government-body": "government body",
    "international-body": "international body",
    "reference": "reference work",
    "other": "other",
}
ASSESSMENT_LABELS = {
    "consistent": "Consistent with the record",
    "partly-consistent": "Partly consistent",
    "not-supported": "Not supported by the sources found",
    "disputed": "Sources disagree",
    "unresolved": "Cannot be checked yet",
}
TOPIC_LABELS = {
    "mutual-defence": "Mutual defence",
    "non-aid-to-aggressor": "Non-aid to an aggressor",
    "sanctions": "Sanctions",
    "security": "Security",
    "economic": "Economic",
    "technological": "Technological",
    "nuclear": "Nuclear",
    "political": "Political",
    "other": "Other",
}
ACTOR_KIND_LABELS = {
    "person": "person",
    "state": "state",
    "organisation": "organisation",
    "outlet": "news outlet",
    "grouping": "grouping",
}
