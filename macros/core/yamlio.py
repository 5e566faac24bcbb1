"""Safe YAML loading that remembers where every value came from.

Only plain YAML is accepted: no language-specific tags (``!!python/...`` is an error, never executed),
no anchors or aliases (they would let a small file expand without bound), no duplicate keys
(the second would silently win). Dates stay strings, so ``2025-01`` and ``2025-01-17`` are read alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.core.errors import Problem

Path_ = tuple  # a path into a document: (record index, field, sub-field or list index, ...)
MAX_DEPTH = 20  # records nest a few levels; anything deeper is a mistake or an attempt to exhaust the stack


# LibYAML's parser (bundled with PyYAML's wheels) is ~10× faster than the pure-Python one; same safe constructor.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainLoader(_SafeBase):
    """SafeLoader that leaves timestamps as strings."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


@dataclass
class LoadedFile:
    """A data file's value plus the (line, column) of every value and key in it, 1-based."""

    path: str
    value: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Best position for ``path``: the key if there is one, else the value, else the nearest parent."""
        while True:
            if path in self.key_positions:
                return self.key_positions[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class _Converter:
    def __init__(self, loader: _PlainLoader, loaded: LoadedFile):
        self.loader = loader
        self.loaded = loaded
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str, hint: str, found: str | None = None) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.loaded.path, mark.line + 1, mark.column + 1, message, found=found, hint=hint))

    def convert(self, node: yaml.Node, path: Path_) -> object:
        self.loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self.problem(node, f"the data is nested more than {MAX_DEPTH} levels deep", "flatten the record")
            return None
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.seen:
                self.problem(
                    node,
                    "YAML anchors and aliases are not allowed in data files",
                    "write the value out in full where it is used",
                )
                return None
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        self._check_tag(node, "tag:yaml.org,2002:map")
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if key == "<<":
                self.problem(key_node, "YAML merge keys (<<) are not allowed in data files", "write the fields out")
                continue
            if not isinstance(key, str):
                self.problem(key_node, "field names must be text", "use a lower-case field name", repr(key))
                continue
            if key in result:
                self.problem(
                    key_node,
                    f"field '{key}' appears twice in the same record",
                    "keep one of the two values; YAML would silently drop the first",
                )
                continue
            self.loaded.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self._refuse_tag(node)

    def _refuse_tag(self, node: yaml.Node) -> None:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            node,
            f"the YAML tag {shown} is not allowed",
            "remove the tag: data files are plain YAML, and tags such as !!python/... are never executed",
        )

    def _scalar(self, node: yaml.Node) -> object:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, "field names must be text", "use a lower-case field name")
            return None
        if node.tag not in _SCALAR_TAGS:
            self._refuse_tag(node)
            return None
        return self.loader.construct_object(node)


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first goes past MAX_DEPTH, or None.

    LibYAML composes nodes recursively in C and crashes the process on a few ten thousand levels, so depth is
    checked first. Block nesting needs a wider column per level and flow nesting a bracket per level; only text
    that could be that deep is scanned, with LibYAML's iterative event parser.
    """
    widest = max((len(line) for line in text.splitlines()), default=0)
    if widest + text.count("[") + text.count("{") <= 2 * MAX_DEPTH + 1000:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_PlainLoader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def load_yaml(path: Path, shown_as: str) -> tuple[LoadedFile, list[Problem]]:
    """Read one data file safely. Returns the loaded value and any problems (the value is None on failure)."""
    loaded = LoadedFile(shown_as, None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return loaded, [Problem(shown_as, 1, 1, f"the file is not valid UTF-8 ({exc.reason})", hint="save it as UTF-8")]
    except OSError as exc:
        return loaded, [Problem(shown_as, 1, 1, f"the file cannot be read ({exc.strerror or type(exc).__name__})")]
    try:
        deep = _too_deep(text)
    except yaml.YAMLError:
        deep = None  # malformed: the parse below reports it with its position
    if deep:
        message = f"the data is nested more than {MAX_DEPTH} levels deep"
        return loaded, [Problem(shown_as, *deep, message, hint="flatten the record")]
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
    except RecursionError:
        return loaded, [Problem(shown_as, 1, 1, "the YAML is nested too deeply to read", hint="flatten the record")]
    except yaml.MarkedYAMLError as exc:
        return loaded, [_malformed(shown_as, text, exc)]
    except yaml.YAMLError as exc:
        return loaded, [Problem(shown_as, 1, 1, f"the YAML is malformed: {exc}", hint="check the file's syntax")]
    finally:
        loader.dispose()
    if node is None:
        loaded.value = []
        return loaded, []
    converter = _Converter(loader, loaded)
    try:
        loaded.value = converter.convert(node, ())
    except RecursionError:
        return loaded, [Problem(shown_as, 1, 1, "the YAML is nested too deeply to read", hint="flatten the record")]
    return loaded, converter.problems


def _malformed(shown_as: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Where PyYAML stopped, and where the construct it was reading began (an unclosed quote's line, which may be
    many lines above where the parser gave up), with that line's text."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    began, found = exc.context_mark, None
    if began is not None and (began.line + 1, began.column + 1) != (line, col):
        what += f"; it began at line {began.line + 1}, column {began.column + 1}"
        lines = text.splitlines()
        found = lines[began.line].strip() if began.line < len(lines) else None
    return Problem(
        shown_as, line, col, f"the YAML is malformed: {what}", found=found, hint="check indentation, colons and quotes"
    )
