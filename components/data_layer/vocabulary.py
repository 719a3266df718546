"""The closed vocabularies of the data layer, each defined once as a Literal type with its values
in order. data/schema.yaml lists the same values for the YAML (a test keeps the two equal)."""

from __future__ import annotations

from typing import Literal, get_args

from components.i18n import N_

Kind = Literal["target", "outcome"]
Measure = Literal["level", "share", "yoy_growth", "added", "rank", "rank_change"]
Qualifier = Literal["more than", "at least", "about", "nearly", "among the top"]  # "" in a frame: not hedged
PeriodType = Literal["year", "quarter", "months", "date"]
Direction = Literal["higher_is_better", "lower_is_better"]
# Judged as of a date: pending while the target's period runs, not reported once it has ended with no outcome.
Status = Literal["achieved", "missed", "not comparable", "pending", "not reported"]

KINDS: tuple[Kind, ...] = get_args(Kind)
MEASURES: tuple[Measure, ...] = get_args(Measure)
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
STATUSES: tuple[Status, ...] = get_args(Status)
ACHIEVED, MISSED, NOT_COMPARABLE, PENDING, NOT_REPORTED = STATUSES
# Why a target has its status, as the data layer says it (components/views/reasons.py words it):
# achieved by meeting the target or within an "about" target's tolerance; missed by falling short; not
# comparable when either side is a place among the top, a lower bound is set against a ceiling or falls
# below the target, or the only outcome measures another indicator; pending; not reported.
ReasonCode = Literal[
    "meets", "within_about_tolerance", "falls_short", "rank_target", "rank_outcome", "lower_bound_ceiling",
    "bound_below_target", "upper_bound_above_target", "not_comparable_indicator", "pending", "not_reported",
]  # fmt: skip
REASON_CODES: tuple[ReasonCode, ...] = get_args(ReasonCode)
# A hedged outcome that only says the value was passed: it can prove a target met, never missed.
LOWER_BOUNDS: frozenset[Qualifier] = frozenset({"more than", "at least"})
# A hedged outcome just under its value ("nearly 50%"): it can prove a floor missed or a ceiling kept, never the
# other way.
UPPER_BOUNDS: frozenset[Qualifier] = frozenset({"nearly"})
# An "about X" target is met by an outcome within this share of X (about 5% growth: 4.9% meets it, 4.89% does not).
ABOUT_TOLERANCE = 0.02

# Shown to readers by these names: listed here so the message catalog has them (see components/i18n.py).
SHOWN_NAMES = [N_("target"), N_("outcome")]
SHOWN_NAMES += [N_("more than"), N_("at least"), N_("about"), N_("nearly"), N_("among the top")]
SHOWN_NAMES += [N_("achieved"), N_("missed"), N_("not comparable"), N_("pending"), N_("not reported")]
