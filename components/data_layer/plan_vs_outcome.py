"""Pair each target with its outcome and decide its status. The rules are written out in the README."""

from __future__ import annotations

import math

import pandas as pd

ACHIEVED, MISSED, NO_OUTCOME, NOT_COMPARABLE = "achieved", "missed", "no outcome yet", "not comparable"
STATUSES = (ACHIEVED, MISSED, NO_OUTCOME, NOT_COMPARABLE)
LOWER_BOUNDS = {"more than", "at least"}


def judge(
    target_value: float, target_qualifier: str, outcome_value: float, outcome_qualifier: str, higher_is_better: bool
) -> tuple[str, str]:
    """Status and reason for a target and an outcome of the same indicator and period.

    A target is a floor (a ceiling where lower is better); "more than" makes it strict. An exact or
    "about" outcome is taken at its value. A "more than"/"at least" outcome is only a bound: it
    proves the target met when the bound already meets it, and cannot prove it missed.
    """
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
    outcomes = observations[observations["kind"] == "outcome"].assign(
        source_date=lambda f: f["source_id"].map(source_dates)
    )
    outcomes = outcomes.sort_values(["period_end", "source_date"], ascending=False)
    by_key = outcomes.drop_duplicates(["indicator_id", "period_end"]).set_index(["indicator_id", "period_end"])
    indicator_rows = indicators.set_index("id")
    rows = []
    for target in observations[observations["kind"] == "target"].itertuples(index=False):
        info = indicator_rows.loc[target.indicator_id]
        row = {
            "target_id": target.observation_id,
            "indicator_id": target.indicator_id,
            "indicator": target.indicator,
            "theme": target.theme,
            "unit": target.unit,
            "period": target.period,
            "period_end": target.period_end,
            "target_value": target.value,
            "target_qualifier": target.qualifier,
            "target_label": target.value_label,
            "target_source_id": target.source_id,
        }
        outcome, status, reason = None, NO_OUTCOME, "No source reports an outcome for this indicator and period."
        if (target.indicator_id, target.period_end) in by_key.index:
            outcome = by_key.loc[(target.indicator_id, target.period_end)]
            status, reason = judge(
                target.value,
                target.qualifier,
                outcome["value"],
                outcome["qualifier"],
                info["direction"] == "higher_is_better",
            )
        elif info["not_comparable_with"] and (info["not_comparable_with"], target.period_end) in by_key.index:
            outcome = by_key.loc[(info["not_comparable_with"], target.period_end)]
            status, reason = NOT_COMPARABLE, info["not_comparable_reason"]
        if outcome is not None:
            row |= {
                "outcome_id": outcome["observation_id"],
                "outcome_indicator_id": outcome.name[0],
                "outcome_indicator": outcome["indicator"],
                "outcome_value": outcome["value"],
                "outcome_qualifier": outcome["qualifier"],
                "outcome_label": outcome["value_label"],
                "outcome_period": outcome["period"],
                "outcome_source_id": outcome["source_id"],
            }
            if status in (ACHIEVED, MISSED):
                row["gap"] = outcome["value"] - target.value
                row["gap_percent"] = 100 * row["gap"] / target.value if target.value else math.nan
                row["gap_label"] = gap_label(row["gap"], row["gap_percent"], target.unit, outcome["qualifier"])
        rows.append(row | {"status": status, "status_reason": reason})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("target_value", "outcome_value", "gap", "gap_percent"):
        frame[column] = pd.to_numeric(frame[column])
    return frame.fillna(
        {c: "" for c in COLUMNS if c not in ("target_value", "outcome_value", "gap", "gap_percent", "period_end")}
    )
