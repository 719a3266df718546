"""Pair each target with its outcome and decide its status. The rules are written out in the README."""

from __future__ import annotations

import math

import pandas as pd

from .vocabulary import ACHIEVED, LOWER_BOUNDS, MISSED, NO_OUTCOME, NOT_COMPARABLE, Status


def judge(
    target_value: float, target_qualifier: str, outcome_value: float, outcome_qualifier: str, higher_is_better: bool
) -> tuple[Status, str]:
    """Status and reason for a target and an outcome of the same indicator and period.

    A target is a floor (a ceiling where lower is better); "more than" makes it strict. An exact or
    "about" outcome is taken at its value. A "more than"/"at least" outcome is only a bound: it
    proves the target met when the bound already meets it, and cannot prove it missed.
    """
    if math.isnan(target_value):
        return NOT_COMPARABLE, "The target is a place among the top, not a number."
    if outcome_qualifier == "among the top" or math.isnan(outcome_value):
        return NOT_COMPARABLE, "The outcome is a place among the top, not a number."
    sign = 1 if higher_is_better else -1
    margin = sign * (outcome_value - target_value)
    strict_target = target_qualifier == "more than"
    outcome_is_bound = outcome_qualifier in LOWER_BOUNDS
    if outcome_is_bound and not higher_is_better:
        return NOT_COMPARABLE, "The outcome is a lower bound, which cannot show a ceiling was kept."
    meets = margin > 0 or (margin == 0 and (not strict_target or outcome_qualifier == "more than"))
    sides = (("target", target_qualifier), ("outcome", outcome_qualifier))
    hedges = [f"the {side} is hedged ({qualifier!r})" for side, qualifier in sides if qualifier]
    hedge_note = (" Note: " + "; ".join(hedges) + ".") if hedges else ""
    if meets:
        return ACHIEVED, "The outcome meets the target." + hedge_note
    if outcome_is_bound:
        return (
            NOT_COMPARABLE,
            "The outcome is known only to exceed a value below the target, so it may or may not meet it.",
        )
    return MISSED, "The outcome falls short of the target." + hedge_note


def gap_label(gap: float, gap_percent: float, unit: str, outcome_qualifier: str) -> str:
    """'+3 pp (+6.4%)'; prefixed "more than" or "at least" when the outcome is only a lower bound."""
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
    "period_end",
    "target_value",
    "target_qualifier",
    "target_label",
    "target_source_id",
    "outcome_id",
    "outcome_indicator_id",
    "outcome_indicator",
    "outcome_value",
    "outcome_qualifier",
    "outcome_label",
    "outcome_period",
    "outcome_source_id",
    "gap",
    "gap_percent",
    "gap_label",
    "status",
    "status_reason",
]


def build_plan_vs_outcome(
    observations: pd.DataFrame, indicators: pd.DataFrame, source_dates: pd.Series
) -> pd.DataFrame:
    """One row per target. Its outcome is the same indicator's outcome ending on the same day as the
    target's period (the newest source wins a tie); failing that, an outcome of the indicator named
    in `not_comparable_with`, shown but never compared."""
    outcome_fields = {
        "observation_id": "outcome_id", "indicator_id": "outcome_indicator_id", "indicator": "outcome_indicator",
        "value": "outcome_value", "qualifier": "outcome_qualifier", "value_label": "outcome_label",
        "period": "outcome_period", "source_id": "outcome_source_id",
    }  # fmt: skip
    outcomes = (
        observations[observations["kind"] == "outcome"]
        .assign(source_date=lambda f: f["source_id"].map(source_dates))
        .sort_values(["period_end", "source_date"], ascending=False)
        .drop_duplicates(["indicator_id", "period_end"])
        .rename(columns=outcome_fields)[[*outcome_fields.values(), "period_end"]]
    )
    targets = (
        observations[observations["kind"] == "target"]
        .rename(columns={"observation_id": "target_id", "value": "target_value", "qualifier": "target_qualifier",
                         "value_label": "target_label", "source_id": "target_source_id"})
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
                                  row.outcome_qualifier, row.direction == "higher_is_better"))  # fmt: skip
        elif pd.notna(row.outcome_id):
            statuses.append((NOT_COMPARABLE, row.not_comparable_reason))
        else:
            statuses.append((NO_OUTCOME, "No source reports an outcome for this indicator and period."))
    frame["status"] = [status for status, _ in statuses]
    frame["status_reason"] = [reason for _, reason in statuses]

    compared = frame["status"].isin([ACHIEVED, MISSED])
    frame["gap"] = (frame["outcome_value"] - frame["target_value"]).where(compared)
    frame["gap_percent"] = (100 * frame["gap"] / frame["target_value"].where(frame["target_value"] != 0)).where(
        compared
    )
    frame["gap_label"] = [
        gap_label(gap, percent, unit, qualifier) if ok else ""
        for gap, percent, unit, qualifier, ok in zip(
            frame["gap"], frame["gap_percent"], frame["unit"], frame["outcome_qualifier"], compared, strict=True
        )
    ]
    numeric = ("target_value", "outcome_value", "gap", "gap_percent", "period_end")
    frame = frame[COLUMNS].reset_index(drop=True)
    return frame.fillna({column: "" for column in COLUMNS if column not in numeric})
