"""The Jinja environment hand-written pages are rendered in: sandboxed, and showing a page nothing but the site's
macros and the values it is given.

mkdocs-macros-plugin renders ``docs/*.md`` with a plain Jinja ``Environment`` whose pages see the whole MkDocs
configuration, the Python and system versions, git, the page object and every Jinja global. A page comes from a pull
request, so the glue swaps that environment for this one before any page renders (``macros.mkdocs_glue.macros_env``),
and ``macros.render.prose`` checks and evaluates pages with it too, so the build and ``python -m macros.validate``
see what the plugin will render:

- Jinja's ``ImmutableSandboxedEnvironment``: no attribute that starts with ``_``, no function's internals, no
  mutation of lists or dicts, no unsafe callables;
- its globals are only what it is given (the site's macros, ``mkdocs.yml``'s scalar ``extra:`` values): Jinja's own
  (``range``, ``lipsum``, ``cycler``, ``joiner``, ``namespace``, ``dict``), its filters and tests are removed;
- a template ignores the variables it is rendered with (the plugin passes ``config``, ``environment``, ``page``,
  ``git``, ``plugin``, ``files``, ``navigation``…): it sees the globals alone;
- no arithmetic, comparison or string operator (``'a' * 10**9``): a page has nothing to compute.

Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, Undefined
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# Values a page may show: macros are the only callables, ``extra:`` values only these types.
VALUE_TYPES = (str, int, float, bool)


class _GlobalsOnlyTemplate(Template):
    """A page template whose context is the environment's globals alone, whatever it is rendered with."""

    def new_context(self, vars=None, shared=False, locals=None) -> Context:
        return super().new_context(None, False, locals)


class PageSandbox(ImmutableSandboxedEnvironment):
    """Renders one kind of thing: a hand-written page calling the site's macros."""

    template_class = _GlobalsOnlyTemplate
    intercepted_binops = frozenset(ImmutableSandboxedEnvironment.default_binop_table)
    intercepted_unops = frozenset(ImmutableSandboxedEnvironment.default_unop_table)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        raise SecurityError(f"the operator '{operator}' cannot be used in a page")

    def call_unop(self, context: Context, operator: str, arg: Any) -> Any:
        raise SecurityError(f"the operator '{operator}' cannot be used in a page")


def page_sandbox(
    macros: Mapping[str, Callable[..., object]],
    variables: Mapping[str, object] | None = None,
    *,
    loader: BaseLoader | None = None,
    undefined: type[Undefined] = StrictUndefined,
) -> PageSandbox:
    """A sandbox whose pages see ``macros`` and the scalar ``variables``, nothing else.

    ``loader`` and ``undefined`` are the plugin's own when the glue swaps it in. The loader is confined to its folder
    (``docs/`` by default: Jinja's FileSystemLoader refuses ``..`` and absolute names), and no page reaches it
    anyway: every ``{% include %}``, ``{% import %}`` and ``{% extends %}`` is refused before a page renders
    (``prose``). Jinja's default delimiters and whitespace settings: the glue refuses ``j2_*`` options."""
    env = PageSandbox(loader=loader, undefined=undefined, autoescape=False)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    env.globals.update(exposed_variables(variables or {}))
    env.globals.update(macros)
    return env


def exposed_variables(variables: Mapping[str, object]) -> dict[str, object]:
    """The values a page may print: text, numbers and yes/no under a name a page can write (``extra:`` may hold
    mappings and lists for the theme, such as the licence notice: those stay out of pages)."""
    return {
        name: value
        for name, value in variables.items()
        if isinstance(name, str) and name.isidentifier() and not name.startswith("_") and isinstance(value, VALUE_TYPES)
    }
