"""Dates as precise as the source allows: a year, a month or a day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MONTHS = list(calendar.month_name)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date with year, optional month and optional day. Sorts earliest-first; a bare year sorts first."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (an int is a year). Raises ValueError with a reason."""
        match = _DATE.fullmatch(str(value))
        if not match:
            raise ValueError("a date must be YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if year < 1:
            raise ValueError("there is no year 0")
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month:02d}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{_MONTHS[month]} {year} has no day {day}")
        return cls(year, month, day)

    @property
    def iso(self) -> str:
        """ISO 8601 at the known precision (also the ``datetime`` attribute of ``<time>``)."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def display(self) -> str:
        """Human form: ``17 January 2025``, ``January 2025`` or ``2025``."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def earliest(self) -> date:
        """First calendar day the date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Last calendar day the date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.display
