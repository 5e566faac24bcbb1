"""The project's licences, in one place: the site's footer, record pages, About page and dataset.json quote these."""

from __future__ import annotations

SITE_NAME = "Tehran–Moscow Explainer"

CONTENT_LICENCE = "CC BY 4.0"  # text and data: LICENSE-CONTENT
CONTENT_LICENCE_SPDX = "CC-BY-4.0"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"  # code: LICENSE
CODE_LICENCE_SPDX = "MIT"


def attribution(site_url: str) -> str:
    """The credit line CC BY asks reusers to give."""
    return f"{SITE_NAME} ({site_url}), licensed under {CONTENT_LICENCE} ({CONTENT_LICENCE_URL})"


def dataset_metadata(site_url: str) -> dict[str, str]:
    """Top-level keys of dataset.json that say what it is, who to credit and under which licence it may be reused."""
    return {
        "title": f"{SITE_NAME}: dataset",
        "licence": CONTENT_LICENCE_SPDX,
        "licence_url": CONTENT_LICENCE_URL,
        "attribution": attribution(site_url),
        "source_url": f"{site_url}downloads/dataset.json",
    }


def notice() -> dict[str, str]:
    """What the footer partial shows (it reads ``config.extra.tme_licence``)."""
    return {
        "site_name": SITE_NAME,
        "content": CONTENT_LICENCE,
        "content_url": CONTENT_LICENCE_URL,
        "code": CODE_LICENCE,
    }
