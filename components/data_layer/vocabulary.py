"""The closed vocabularies of the data layer, each defined once as a Literal type with its values
in order. data/schema.yaml lists the same values for the YAML (a test keeps the two equal)."""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["target", "outcome"]
Measure = Literal["level", "share", "yoy_growth", "added", "rank", "rank_change"]
Qualifier = Literal["more than", "at least", "about", "among the top"]  # "" in a frame: not hedged
PeriodType = Literal["year", "quarter", "months", "date"]
Direction = Literal["higher_is_better", "lower_is_better"]
Status = Literal["achieved", "missed", "no outcome yet", "not comparable"]

KINDS: tuple[Kind, ...] = get_args(Kind)
MEASURES: tuple[Measure, ...] = get_args(Measure)
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
PERIOD_TYPES: tuple[PeriodType, ...] = get_args(PeriodType)
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
STATUSES: tuple[Status, ...] = get_args(Status)
ACHIEVED, MISSED, NO_OUTCOME, NOT_COMPARABLE = STATUSES
# A hedged outcome that only says the value was passed: it can prove a target met, never missed.
LOWER_BOUNDS: frozenset[Qualifier] = frozenset({"more than", "at least"})
