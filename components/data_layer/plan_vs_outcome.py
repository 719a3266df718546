"""Pair each target with its outcome and decide its status. The rules are written out in the README."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import pandas as pd

from components.i18n import format_number

from .localize import COMPACT_UNITS
from .vocabulary import ABOUT_TOLERANCE, ACHIEVED, LOWER_BOUNDS, MISSED, NOT_COMPARABLE, NOT_REPORTED, PENDING, Status

Translate = Callable[[str], str]


def _untranslated(message: str) -> str:
    return message


def judge(
    target_value: float,
    target_qualifier: str,
    outcome_value: float,
    outcome_qualifier: str,
    higher_is_better: bool,
    _: Translate = _untranslated,
) -> tuple[Status, str]:
    """Status and reason for a target and an outcome of the same indicator and period.

    A target is a floor (a ceiling where lower is better); "more than" makes it strict, and "about"
    loosens it by ABOUT_TOLERANCE of its value. An exact or "about" outcome is taken at its value. A
    "more than"/"at least" outcome is only a bound: it proves the target met when the bound already
    meets it, and cannot prove it missed.
    """
    if math.isnan(target_value):
        return NOT_COMPARABLE, _("The target is a place among the top, not a number.")
    if outcome_qualifier == "among the top" or math.isnan(outcome_value):
        return NOT_COMPARABLE, _("The outcome is a place among the top, not a number.")
    sign = 1 if higher_is_better else -1
    tolerance = ABOUT_TOLERANCE * abs(target_value) if target_qualifier == "about" else 0.0
    # Rounded so that an outcome exactly at the tolerance's edge is not lost to binary fractions (5 - 4.9).
    margin = round(sign * (outcome_value - target_value) + tolerance, 9)
    strict_target = target_qualifier == "more than"
    outcome_is_bound = outcome_qualifier in LOWER_BOUNDS
    if outcome_is_bound and not higher_is_better:
        return NOT_COMPARABLE, _("The outcome is a lower bound, which cannot show a ceiling was kept.")
    meets = margin > 0 or (margin == 0 and (not strict_target or outcome_qualifier == "more than"))
    sides = (("target", target_qualifier), ("outcome", outcome_qualifier))
    hedges = [
        _("the {side} is hedged ('{qualifier}')").format(side=_(side), qualifier=_(qualifier))
        for side, qualifier in sides
        if qualifier
    ]
    hedge_note = _(" Note: {hedges}.").format(hedges=_("; ").join(hedges)) if hedges else ""
    if meets and sign * (outcome_value - target_value) < 0:
        return ACHIEVED, _("The outcome is within {tolerance} of an 'about' target.").format(
            tolerance=f"{ABOUT_TOLERANCE:.0%}"
        ) + hedge_note
    if meets:
        return ACHIEVED, _("The outcome meets the target.") + hedge_note
    if outcome_is_bound:
        return (
            NOT_COMPARABLE,
            _("The outcome is known only to exceed a value below the target, so it may or may not meet it."),
        )
    return MISSED, _("The outcome falls short of the target.") + hedge_note


def gap_label(
    gap: float, gap_percent: float, unit: str, outcome_qualifier: str, unit_words: dict[str, str] | None = None
) -> str:
    """'+3 pp (+6.4%)'; prefixed "more than" or "at least" when the outcome is only a lower bound.
    `unit_words` gives each unit's word in Chinese, written after the number in 万 and 亿 where the
    unit runs that large; a lower bound then ends in 以上 (+3个百分点以上（+6.4%以上）)."""
    if unit_words is not None:
        bound = "以上" if outcome_qualifier in LOWER_BOUNDS else ""
        sign = "+" if gap > 0 else "-" if gap < 0 else ""
        number = format_number(float(f"{abs(gap):.10g}"), "zh", compact=unit in COMPACT_UNITS)
        return f"{sign}{number}{unit_words.get(unit, '')}{bound}（{gap_percent:+.1f}%{bound}）"
    gap_unit = " pp" if unit == "percent" else f" {unit.replace('_', ' ')}" if unit != "count" else ""
    text = f"{gap:+,.10g}{gap_unit} ({gap_percent:+.1f}%)"
    return f"{outcome_qualifier} {text}" if outcome_qualifier in LOWER_BOUNDS else text


COLUMNS = [
    "target_id",
    "indicator_id",
    "indicator",
    "theme",
    "unit",
    "period",
    "period_label",
    "period_end",
    "target_value",
    "target_qualifier",
    "target_label",
    "target_source_id",
    "target_source_title",
    "outcome_id",
    "outcome_indicator_id",
    "outcome_indicator",
    "outcome_value",
    "outcome_qualifier",
    "outcome_label",
    "outcome_period",
    "outcome_source_id",
    "outcome_source_title",
    "gap",
    "gap_percent",
    "gap_label",
    "status",
    "status_reason",
]


def build_plan_vs_outcome(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    source_dates: pd.Series,
    as_of: date,
    _: Translate = _untranslated,
    unit_words: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per target, judged as known on `as_of` (`observations` hold only what was public by
    then). Its outcome is the same indicator's outcome ending on the same day as the target's period
    (the source with the newer edition wins a tie); failing that, an outcome of the indicator named in
    `not_comparable_with`, shown but never compared. A target with no outcome is pending while its
    period runs on `as_of`, and not reported once it has ended."""
    outcome_fields = {
        "observation_id": "outcome_id", "indicator_id": "outcome_indicator_id", "indicator": "outcome_indicator",
        "value": "outcome_value", "qualifier": "outcome_qualifier", "value_label": "outcome_label",
        "period": "outcome_period", "source_id": "outcome_source_id", "source_title": "outcome_source_title",
    }  # fmt: skip
    outcomes = (
        observations[observations["kind"] == "outcome"]
        .assign(source_date=lambda f: f["source_id"].map(source_dates.to_dict()))
        .sort_values(["period_end", "source_date"], ascending=False)
        .drop_duplicates(["indicator_id", "period_end"])
        .rename(columns=outcome_fields)[[*outcome_fields.values(), "period_end"]]
    )
    targets = (
        observations[observations["kind"] == "target"]
        .rename(columns={"observation_id": "target_id", "value": "target_value", "qualifier": "target_qualifier",
                         "value_label": "target_label", "source_id": "target_source_id",
                         "source_title": "target_source_title"})
        .merge(indicators[["id", "direction", "not_comparable_with", "not_comparable_reason"]],
               left_on="indicator_id", right_on="id")
    )  # fmt: skip
    same = targets.merge(outcomes, how="left", left_on=["indicator_id", "period_end"],
                         right_on=["outcome_indicator_id", "period_end"])  # fmt: skip
    linked = targets.merge(outcomes, how="left", left_on=["not_comparable_with", "period_end"],
                           right_on=["outcome_indicator_id", "period_end"])  # fmt: skip
    has_same = same["outcome_id"].notna()
    frame = same.where(has_same, linked) if len(same) else same

    statuses = []
    for row, own_outcome in zip(frame.itertuples(index=False), has_same, strict=True):
        if own_outcome:
            statuses.append(judge(row.target_value, row.target_qualifier, row.outcome_value,
                                  row.outcome_qualifier, row.direction == "higher_is_better", _))  # fmt: skip
        elif pd.notna(row.outcome_id):
            statuses.append((NOT_COMPARABLE, row.not_comparable_reason))
        elif row.period_end.date() >= as_of:  # a period ends with its last day, not on it
            reason = _("The target's period runs to {end}, after {as_of}.").format(
                end=row.period_end.date(), as_of=as_of
            )
            statuses.append((PENDING, reason))
        else:
            reason = _("The period has ended and no source published by {as_of} reports it.").format(as_of=as_of)
            statuses.append((NOT_REPORTED, reason))
    frame["status"] = [status for status, _ in statuses]
    frame["status_reason"] = [reason for _, reason in statuses]

    compared = frame["status"].isin([ACHIEVED, MISSED])
    frame["gap"] = (frame["outcome_value"] - frame["target_value"]).where(compared)
    frame["gap_percent"] = (100 * frame["gap"] / frame["target_value"].where(frame["target_value"] != 0)).where(
        compared
    )
    frame["gap_label"] = [
        gap_label(gap, percent, unit, qualifier, unit_words) if ok else ""
        for gap, percent, unit, qualifier, ok in zip(
            frame["gap"], frame["gap_percent"], frame["unit"], frame["outcome_qualifier"], compared, strict=True
        )
    ]
    numeric = ("target_value", "outcome_value", "gap", "gap_percent", "period_end")
    frame = frame[COLUMNS].reset_index(drop=True)
    return frame.fillna({column: "" for column in COLUMNS if column not in numeric})
