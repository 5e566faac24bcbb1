"""The dataset as downloadable files: one JSON document and one CSV per collection."""

from __future__ import annotations

import csv
import io
import json

from macros.core import licence
from macros.core.dataset import Dataset


def dataset_json(data: Dataset, site_url: str = "/") -> str:
    """Licence, attribution and address first, then all records as written in YAML, keyed by collection; each
    collection's list validates against its schema, as before the metadata keys were added."""
    document = {**licence.dataset_metadata(site_url), **data.as_documents()}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def collection_csv(data: Dataset, collection: str) -> str:
    """One row per record; lists of ids joined with '; ', nested values as JSON."""
    rows = data.as_documents()[collection]
    columns: dict[str, None] = {"id": None}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return out.getvalue()
