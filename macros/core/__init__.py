"""The site's data layer: load, validate and index the YAML in ``data/``. No MkDocs import here."""

from macros.core.dataset import Dataset, load_dataset
from macros.core.errors import DataErrors, Problem

__all__ = ["DataErrors", "Dataset", "Problem", "load_dataset"]
