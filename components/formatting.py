"""Numbers, values, periods, days and gaps as a reader of each language writes them: CLDR's forms
(Babel), the language's record for its periods, and its catalog for the words around a figure
(more than, about, No., inferred). One module for every language; it never rounds a figure."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from babel.core import Locale
from babel.dates import format_date, format_interval, format_skeleton, split_interval_pattern
from babel.numbers import (
    format_compact_decimal,
    format_percent,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
    parse_pattern,
)

from components.i18n import DEFAULT_LANGUAGE, Language, catalog, language

if TYPE_CHECKING:
    from components.data_layer.periods import Period

# Units whose values run into millions and billions (万 and 亿): written compact from the language's
# `compact_from` on ('16.5 billion m³', '165亿立方米').
COMPACT_UNITS = frozenset({"yuan", "kilowatts", "kilowatt_hours", "cubic_meters", "tonnes", "count"})
# Up to 10 decimals, and as many in a compact form: more than any figure of a source has, so none is
# ever rounded (tests/test_i18n.py checks every figure of data/ in every language).
_PLAIN = parse_pattern("#,##0.##########")
FRACTION_DIGITS = 10
_GAP_PERCENT = "+#,##0.0%;-#,##0.0%"  # a gap as a share of its target: derived, so one decimal


def _exact(value: float) -> Decimal:
    """`value` as the decimal a source wrote: 15 significant digits, all a double holds, so that
    5.4 - 6 reads -0.6 and 0.1 + 0.2 reads 0.3."""
    return Decimal(format(value, ".15g"))


@cache
def _locale(lang: Language) -> Locale:
    return Locale.parse(language(lang).locale)


@lru_cache(maxsize=16384)  # a layer repeats many values (every synthetic copy repeats them all)
def format_number(value: float, lang: Language = DEFAULT_LANGUAGE, *, compact: bool = False) -> str:
    """`value` as written in `lang`, never rounded: '1,234.5678'; with `compact`, from the language's
    `compact_from` on, in CLDR's long compact form: '16.5 billion', '1.2345万亿', '10.8万'."""
    locale = _locale(lang)
    exact = _exact(value)
    if compact and abs(exact) >= language(lang).compact_from:
        return format_compact_decimal(exact, format_type="long", locale=locale, fraction_digits=FRACTION_DIGITS)
    return _PLAIN.apply(exact, locale)


def _signed(value: float, lang: Language, *, compact: bool) -> str:
    """'+5 billion', '-0.6', '0': a difference, its sign always written."""
    text = format_number(abs(value), lang, compact=compact)
    if value > 0:
        return get_plus_sign_symbol(_locale(lang)) + text
    return get_minus_sign_symbol(_locale(lang)) + text if value < 0 else text


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@cache
def _hedges(lang: Language) -> dict[tuple[str, str], str]:
    """(kind, qualifier) -> how a hedged figure reads. Each is a message of its own, so a language
    can put the hedge after the figure, or word a target's differently (5%左右, 6%以上)."""
    words = catalog(lang)
    return {
        ("outcome", "more than"): words.gettext("more than {value}"),
        ("outcome", "at least"): words.gettext("at least {value}"),
        ("outcome", "about"): words.gettext("about {value}"),
        ("outcome", "nearly"): words.gettext("nearly {value}"),
        ("target", "more than"): words.pgettext("target", "more than {value}"),
        ("target", "at least"): words.pgettext("target", "at least {value}"),
        ("target", "about"): words.pgettext("target", "about {value}"),
        ("target", "nearly"): words.pgettext("target", "nearly {value}"),
    }


def hedged(text: str, qualifier: str, kind: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A figure with the document's hedge, in `lang`: 'more than 50%', '超过50%', '6%以上' (a target)."""
    if not qualifier:
        return text
    pattern = _hedges(lang).get(("target" if kind == "target" else "outcome", qualifier))
    return pattern.format(value=text) if pattern else f"{catalog(lang).gettext(qualifier)} {text}"


def format_value(
    value: float, unit: str, symbol: str, qualifier: str = "", kind: str = "outcome", lang: Language = DEFAULT_LANGUAGE
) -> str:
    """A value as a reader says it, in `lang`, with its unit's `symbol` in that language: 'more than
    16.5 billion m³', 'about 5%', 'No. 1', 'among the top'; '超过165亿立方米', '5%左右' (a target), '第1位'."""
    words = catalog(lang)
    if _is_missing(value):
        return words.gettext(qualifier) if qualifier else words.gettext("not given")
    if unit == "rank":
        text = words.gettext("No. {rank}").format(rank=format_number(value, lang))
    else:
        text = format_number(value, lang, compact=unit in COMPACT_UNITS) + symbol
    return hedged(text, qualifier, kind, lang)


def format_gap(
    gap: float, gap_percent: float, unit: str, symbol: str, outcome_qualifier: str, lang: Language = DEFAULT_LANGUAGE
) -> str:
    """Outcome minus target in the target's unit (with its `symbol`; two percentages differ by
    percentage points) and as a share of the target: '+3 pp (+6.4%)', '+5 billion yuan (+2.0%)',
    '+50亿元（+2.0%）'; a lower bound says so: 'more than +1 pp (+2.2%)', '+1个百分点以上（+2.2%以上）'."""
    words = catalog(lang)
    number = _signed(gap, lang, compact=unit in COMPACT_UNITS)
    number = words.gettext("{points} pp").format(points=number) if unit == "percent" else number + symbol
    if _is_missing(gap_percent):  # a target of 0 has no share
        return number
    percent = format_percent(gap_percent / 100, _GAP_PERCENT, locale=_locale(lang))
    if outcome_qualifier == "more than":
        pattern = words.gettext("more than {gap} ({percent})")
    elif outcome_qualifier == "at least":
        pattern = words.gettext("at least {gap} ({percent})")
    else:
        pattern = words.gettext("{gap} ({percent})")
    return pattern.format(gap=number, percent=percent)


def format_day(day: date, lang: Language = DEFAULT_LANGUAGE) -> str:
    """'5 March 2025' or '2025年3月5日'."""
    return format_date(day, format="long", locale=_locale(lang))


def format_period(period: Period, inferred: bool, lang: Language = DEFAULT_LANGUAGE) -> str:
    """'2024', 'Q1 2021 (inferred)', 'Jan–Nov 2024', 'as of 2024-12-31'; '2024年', '2021年第一季度（推断）',
    '2024年1—11月', '2024年末', '截至2024年5月15日': the language record's patterns, else CLDR's."""
    text = _period_text(period, lang)
    return catalog(lang).gettext("{period} (inferred)").format(period=text) if inferred else text


@lru_cache(maxsize=4096)  # a layer has few periods, each on many rows
def _period_text(period: Period, lang: Language) -> str:
    patterns, locale = language(lang).periods, _locale(lang)
    start, end = period.start, period.end
    if period.type == "year":
        return _written(start, patterns.get("year"), "y", locale)
    if period.type == "quarter":
        return _written(start, patterns.get("quarter"), "yQQQ", locale)
    if period.type == "months":
        pattern = patterns.get("months" if start.year == end.year else "months_across_years")
        if pattern is None:
            return format_interval(start, end, "yMMM", locale=locale)
        first, second = split_interval_pattern(pattern)
        return format_date(start, first, locale=locale) + format_date(end, second, locale=locale)
    day = patterns.get("day")
    if (start.month, start.day) == (12, 31):
        day = patterns.get("year_end", day)
    return _written(start, day, "yMMMd", locale)


def _written(day: date, pattern: str | None, skeleton: str, locale: Locale) -> str:
    """`day` in the record's `pattern`, or in CLDR's form for `skeleton` where the record has none."""
    return format_date(day, pattern, locale=locale) if pattern else format_skeleton(skeleton, day, locale=locale)
