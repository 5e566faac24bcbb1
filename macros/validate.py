"""Validate every file in ``data/`` without building the site: ``python -m macros.validate``.

Prints every problem with file, line, column, record, field and fix, and exits 1 if there are any. With
``--format github`` each problem is also printed as a GitHub Actions annotation on the line it names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros import annotations
from macros.core import DataErrors, load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.validate", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, help="the data folder (default: data/)")
    parser.add_argument("--format", choices=("text", "github"), default="text", help="github: also annotations")
    args = parser.parse_args(argv)
    try:
        dataset = load_dataset(args.data_dir, root=Path.cwd())
    except DataErrors as errors:
        if args.format == "github":
            print(annotations.annotations(errors.problems), flush=True)
        print(errors.format(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(records)} {name}" for name, records in dataset.records.items())
    print(f"data OK: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
