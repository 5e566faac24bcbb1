"""Check ``data/`` and the macro calls in ``docs/`` without building the site: ``python -m macros.validate``.

Prints every problem with file, line, column, record, field and fix, and exits 1 if there are any. The build runs
the same checks (``macros.render.project.prepare``) and prints the same words. With
``--format github`` each problem is also printed as a GitHub Actions annotation on the line it names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import annotations
from macros.core import DataErrors
from macros.core.errors import printable
from macros.render.project import prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.validate", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, help="the data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github: also annotations")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    root = Path.cwd()
    try:
        prepared = prepare(root, data_dir=args.data_dir)
    except DataErrors as errors:
        if args.format == "github":
            print(annotations.annotations(errors.problems), flush=True)
        print(errors.format(), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not bad data: still one readable line, never a traceback
        print(printable(f"internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(records)} {name}" for name, records in prepared.site.dataset.records.items())
    print(f"data OK: {counts}; {len(prepared.narratives)} pages in docs/ checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
