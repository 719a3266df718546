"""Period strings -> start and end dates. A period is a year, a quarter, a span of months or a date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .vocabulary import PeriodType

PERIOD_FORMATS = "YYYY, YYYY-Qn, YYYY-MM/YYYY-MM or YYYY-MM-DD"

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$")
_MONTHS = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    text: str
    type: PeriodType  # a date is a stock counted as of that day
    start: date
    end: date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4096)  # a layer repeats a few periods many times; both rules and frames parse them
def parse_period(value: str | int) -> Period:
    """Parse a period; raise ValueError with a readable reason when it is malformed or impossible."""
    text = str(value).strip()
    if m := _YEAR.match(text):
        year = int(m[1])
        return Period(text, "year", date(year, 1, 1), date(year, 12, 31))
    if m := _QUARTER.match(text):
        year, quarter = int(m[1]), int(m[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f"period {text!r}: quarter must be Q1 to Q4")
        first_month = 3 * quarter - 2
        return Period(text, "quarter", date(year, first_month, 1), _month_end(year, first_month + 2))
    if m := _MONTHS.match(text):
        y1, m1, y2, m2 = map(int, m.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            raise ValueError(f"period {text!r}: months must be 01 to 12")
        start, end = date(y1, m1, 1), _month_end(y2, m2)
        if end < start:
            raise ValueError(f"period {text!r}: ends before it starts")
        return Period(text, "months", start, end)
    if m := _DATE.match(text):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as error:
            raise ValueError(f"period {text!r}: not a real date ({error})") from None
        return Period(text, "date", day, day)
    raise ValueError(f"period {text!r} is not one of {PERIOD_FORMATS}")
