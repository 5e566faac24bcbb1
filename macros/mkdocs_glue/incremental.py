"""Incremental preview: under `mkdocs serve`, a rebuild after an edit in data/ renders only the record pages that
read a changed record (``macros.core.changes``); every other record page is carried over from the last good site.
"Record pages" here include the parts of a record's long back-link lists (``PageSource.subject``): they are reached
from the record's page and show only what they read, like it.

MkDocs 1.x has no dependency tracking: every page in ``files`` is read, converted and written, and ``--dirty`` only
compares file times (wrong for generated pages, and it leaves the navigation stale). So ``on_files`` leaves the
unaffected record pages out of the build and hard-links their last output into the staging folder instead. Only
record pages are carried: they are outside the navigation, and everything they show comes from the records they read.
Hand-written pages, the lists and views (indexes, timeline, relations, comparison), the downloads, the 404 page and
the sitemap are built every time. Anything else that changed means a full build: a file outside data/ that serve
watches (mkdocs.yml, docs/, overrides/, macros/, schemas/), the abbreviation hints, the set of pages (a record added,
removed or renamed), or a failed last build. The search index is carried over with the pages (see CONTRIBUTING.md).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from macros.core import changes, reads
from macros.search.indexer import BUNDLE_DIR

log = logging.getLogger("mkdocs.plugins.explainer.preview")
SITEMAP = ("sitemap.xml", "sitemap.xml.gz")


@dataclass
class Built:
    """What a good build leaves for the next one."""

    inputs: str  # digest of every watched file outside data/, the site address and the abbreviation hints
    data: changes.Snapshot
    pages: frozenset[str]  # every generated page's src
    reads: dict[str, frozenset[str]]  # record page src → what it read
    site_dir: Path


@dataclass
class Preview:
    """Kept by the hooks for the whole `mkdocs serve` process."""

    last: Built | None = None
    # this build:
    inputs: str = ""
    data: changes.Snapshot | None = None
    pages: frozenset[str] = frozenset()
    rebuild: set[str] | None = None  # record pages to render; None: all of them (a full build)
    reads: dict[str, frozenset[str]] = field(default_factory=dict)
    carried: int = 0
    rendered: set[str] = field(default_factory=set)

    def plan(self, state, config, site_dir: Path) -> None:
        """Decide, before any page is built, which record pages this build renders."""
        self.rebuild, self.reads, self.carried, self.rendered = None, {}, 0, set()
        self.inputs = inputs_digest(config, state)
        self.data = changes.snapshot(state.site.dataset, _file_state(state))
        last = self.last
        self.pages = frozenset(p.src for p in state.renderer.pages())
        why = _full_build_reason(last, self.inputs, self.pages, site_dir)
        if why:
            log.info(f"preview: full build ({why})")
            return
        changed = changes.changed_keys(last.data, self.data)
        self.rebuild = changes.affected(last.reads, changed)
        self.reads = {src: keys for src, keys in last.reads.items() if src not in self.rebuild}

    def carry(self, file, page, staging: Path) -> bool:
        """Link the last output of an unaffected record page into the staging folder; False: build it."""
        if self.rebuild is None or page.subject is None or page.src in self.rebuild:
            return False
        old = self.last.site_dir / file.dest_uri
        try:
            _link(old, staging / file.dest_uri)
        except OSError:
            self.reads.pop(page.src, None)
            return False
        self.carried += 1
        return True

    @contextmanager
    def reading(self, page) -> Iterator[None]:
        """Record what a record page reads while the block renders it (its body, then its head)."""
        if page is None or page.subject is None:
            yield
            return
        keys = set(self.reads.get(page.src, ())) | changes.own_keys(page.subject.collection, page.subject.id)
        with reads.recording(keys):
            yield
        self.reads[page.src] = frozenset(keys)
        self.rendered.add(page.src)

    @property
    def partial(self) -> bool:
        return self.rebuild is not None

    def carry_site_wide_files(self, staging: Path) -> bool:
        """After a partial build: the last sitemap (MkDocs lists only the pages it built; the set of pages is the
        same) and the last search index (re-indexing every page costs more than the pages do). False: index."""
        if not self.partial:
            return False
        for name in SITEMAP:
            (staging / name).unlink(missing_ok=True)
            if (self.last.site_dir / name).is_file():
                _link(self.last.site_dir / name, staging / name)
        if not (self.last.site_dir / BUNDLE_DIR).is_dir():
            return False
        for old in (self.last.site_dir / BUNDLE_DIR).rglob("*"):
            if old.is_file():
                _link(old, staging / old.relative_to(self.last.site_dir))
        return True

    def succeeded(self, site_dir: Path) -> None:
        if self.partial:
            total = self.carried + len(self.rendered)
            log.info(
                f"preview: rebuilt {len(self.rendered)} of {total} record pages ({self.carried} unchanged, carried "
                f"over); search index kept from the last full build: " + " ".join(sorted(self.rendered))
            )
        self.last = Built(self.inputs, self.data, self.pages, dict(self.reads), site_dir)

    def failed(self) -> None:
        """After a failed build the site is the problem page: the next build is a full one."""
        self.last = None


def reading(preview: Preview | None, page):
    return preview.reading(page) if preview is not None else nullcontext()


def _full_build_reason(last: Built | None, inputs: str, pages: frozenset[str], site_dir: Path) -> str | None:
    if last is None:
        return "no earlier good build in this session"
    if last.inputs != inputs:
        return "a file outside data/ changed, or the abbreviation hints did"
    if last.pages != pages:
        return "records were added, removed or renamed, or a split list gained or lost a part"
    if last.site_dir != site_dir or not site_dir.is_dir():
        return "the last site is gone"
    return None


def _file_state(state):
    corrections = state.site.corrections
    if corrections is None:
        return lambda path: None
    history = corrections.history
    return lambda path: (history.last_change(path), history.why_unknown(path))


def inputs_digest(config, state) -> str:
    """Everything besides the records that a page can show: what serve watches outside data/, and the hints."""
    root = Path(config.config_file_path).parent
    data_dir = (root / "data").resolve()
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{config.site_url}\0{sorted(state.abbreviations.hints.items())}\0".encode())
    watched = [Path(config.config_file_path), Path(config.docs_dir), *(Path(p) for p in config.watch)]
    for top in watched:
        for path in sorted(_files(top)):
            if path.resolve().is_relative_to(data_dir):
                continue
            digest.update(f"{path}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\0unreadable")
    return digest.hexdigest()


def _files(top: Path) -> Iterator[Path]:
    if top.is_file():
        yield top
        return
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
        yield from (Path(folder) / n for n in names)


def _link(old: Path, new: Path) -> None:
    """``new`` becomes the same file as ``old`` (a copy where the file system has no hard links)."""
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)
    except OSError:
        if not old.is_file():
            raise
        shutil.copyfile(old, new)
