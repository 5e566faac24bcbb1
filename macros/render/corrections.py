"""What a record page offers for fixing it: a link to its YAML at the record's line, a prefilled correction issue
form, and when its data file last changed in git. Plain Python: the glue hands in ``repo_url`` and ``edit_uri``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from macros.core import licence as licences
from macros.core.dataset import Dataset
from macros.core.history import Change, History, read_history
from macros.core.models import Record
from macros.render import urls

ISSUE_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/correction.yml; its field ids are the query keys below
DEFAULT_BRANCH = "main"


@dataclass(frozen=True)
class Repository:
    """A GitHub repository: ``url`` as in mkdocs.yml's ``repo_url``, ``branch`` the one the site is built from."""

    url: str
    branch: str = DEFAULT_BRANCH

    @classmethod
    def from_config(cls, repo_url: str | None, edit_uri: str | None) -> Repository | None:
        """The branch comes from ``edit_uri`` (``edit/<branch>/docs/``), so mkdocs.yml names it once."""
        if not repo_url:
            return None
        found = re.match(r"(?:edit|blob)/([^/]+)/", (edit_uri or "").lstrip("/"))
        return cls(repo_url.rstrip("/"), found.group(1) if found else DEFAULT_BRANCH)

    def file_url(self, path: str, line: int) -> str:
        return f"{self.url}/blob/{quote(self.branch, safe='')}/{quote(path)}#L{line}"

    def commit_url(self, commit: str) -> str:
        return f"{self.url}/commit/{commit}"

    def issue_url(self, title: str, **fields: str) -> str:
        """GitHub's issue-form link: ``template``, ``title`` and one query parameter per form field id."""
        query = urlencode({"template": ISSUE_FORM, "title": title, **fields}, quote_via=quote)
        return f"{self.url}/issues/new?{query}"


@dataclass(frozen=True)
class RecordFix:
    """Everything the "Corrections" block of one record page shows. URLs are raw: templates escape them."""

    path: str
    line: int
    edit_url: str | None
    report_url: str | None
    change: Change | None
    change_url: str | None
    unknown: str  # what to say when ``change`` is None


@dataclass(frozen=True)
class Corrections:
    """Built once per build (one ``git log``); asked once per record page."""

    dataset: Dataset
    site_url: str
    repository: Repository | None
    history: History
    licence: dict[str, str] = field(default_factory=licences.notice)

    @classmethod
    def for_build(
        cls, dataset: Dataset, root: Path, site_url: str, repo_url: str | None, edit_uri: str | None
    ) -> Corrections:
        return cls(dataset, site_url, Repository.from_config(repo_url, edit_uri), read_history(root))

    def for_record(self, record: Record) -> RecordFix:
        origin = self.dataset.origins[(record.collection, record.id)]
        line, _ = origin.where()
        page = urls.absolute(self.site_url, urls.url_of(record))
        change = self.history.last_change(origin.path)
        repo = self.repository
        return RecordFix(
            path=origin.path,
            line=line,
            edit_url=repo.file_url(origin.path, line) if repo else None,
            report_url=repo.issue_url(
                f"Correction: {record.title}",
                page=page,
                record=f"{record.collection}/{record.id} ({origin.path}, line {line})",
            )
            if repo
            else None,
            change=change,
            change_url=repo.commit_url(change.commit) if repo and change else None,
            unknown=self.history.why_unknown(origin.path),
        )
