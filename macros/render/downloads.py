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


# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): it gets a leading apostrophe, which
# spreadsheets hide and which makes the cell text. Tab and carriage return can start a formula after trimming.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _value(value: object) -> str:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def cell(value: object) -> str:
    """A CSV cell that shows the value and is never evaluated as a formula."""
    shown = _value(value)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def collection_csv(data: Dataset, collection: str) -> str:
    """One row per record (lists of ids joined with '; ', nested values as JSON), starting with a byte-order mark
    so that spreadsheets read it as UTF-8."""
    rows = data.as_documents()[collection]
    columns: dict[str, None] = {"id": None}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writerow({k: cell(k) for k in columns})
    for row in rows:
        writer.writerow({k: cell(row.get(k)) for k in columns})
    return out.getvalue()
