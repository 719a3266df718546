"""Pair each target with its outcome and decide its status. The rules are written out in the README.
A status's reason leaves here as a code with its parameters (`Reason`); the views word it."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, NamedTuple

import pandas as pd

from components.formatting import format_gap
from components.i18n import DEFAULT_LANGUAGE, Language

from .vocabulary import (
    ABOUT_TOLERANCE,
    ACHIEVED,
    LOWER_BOUNDS,
    MISSED,
    NOT_COMPARABLE,
    NOT_REPORTED,
    PENDING,
    UPPER_BOUNDS,
    ReasonCode,
    Status,
)


class Reason(NamedTuple):
    """Why a target has its status: a code from the closed vocabulary and what its wording needs
    (dates as YYYY-MM-DD, hedges as (side, qualifier) pairs, the tolerance as a fraction)."""

    code: ReasonCode
    params: dict[str, Any]


def judge(
    target_value: float,
    target_qualifier: str,
    outcome_value: float,
    outcome_qualifier: str,
    higher_is_better: bool,
) -> tuple[Status, Reason]:
    """Status and reason for a target and an outcome of the same indicator and period.

    A target is a floor (a ceiling where lower is better) that its own value meets: "more than X"
    (X以上) includes X, as the Chinese originals of these targets count it. "About" loosens a target by
    ABOUT_TOLERANCE of its value. An exact or "about" outcome is taken at its value. A "more than"/"at
    least" outcome is only a bound: it proves the target met when the bound already meets it, and
    cannot prove it missed. A "nearly X" outcome lies just under X: it proves a floor missed when X
    does not reach it (a ceiling kept when X is within it), and cannot prove the other.
    """
    if math.isnan(target_value):
        return NOT_COMPARABLE, Reason("rank_target", {})
    if outcome_qualifier == "among the top" or math.isnan(outcome_value):
        return NOT_COMPARABLE, Reason("rank_outcome", {})
    sign = 1 if higher_is_better else -1
    tolerance = ABOUT_TOLERANCE * abs(target_value) if target_qualifier == "about" else 0.0
    # Rounded so that an outcome exactly at the tolerance's edge is not lost to binary fractions (5 - 4.9).
    margin = round(sign * (outcome_value - target_value) + tolerance, 9)
    outcome_is_bound = outcome_qualifier in LOWER_BOUNDS
    if outcome_is_bound and not higher_is_better:
        return NOT_COMPARABLE, Reason("lower_bound_ceiling", {})
    hedges = [(side, qualifier) for side, qualifier in (("target", target_qualifier), ("outcome", outcome_qualifier))
              if qualifier]  # fmt: skip
    if outcome_qualifier in UPPER_BOUNDS:
        if higher_is_better and margin <= 0:
            return MISSED, Reason("falls_short", {"hedges": hedges})
        if not higher_is_better and margin >= 0:
            return ACHIEVED, Reason("meets", {"hedges": hedges})
        return NOT_COMPARABLE, Reason("upper_bound_above_target", {})
    if margin >= 0 and sign * (outcome_value - target_value) < 0:
        return ACHIEVED, Reason("within_about_tolerance", {"tolerance": ABOUT_TOLERANCE, "hedges": hedges})
    if margin >= 0:
        return ACHIEVED, Reason("meets", {"hedges": hedges})
    if outcome_is_bound:
        return NOT_COMPARABLE, Reason("bound_below_target", {})
    return MISSED, Reason("falls_short", {"hedges": hedges})


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
    "status_reason_code",
    "status_reason_params",
]


def build_plan_vs_outcome(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    units: pd.DataFrame,
    source_dates: pd.Series,
    as_of: date,
    lang: Language = DEFAULT_LANGUAGE,
) -> pd.DataFrame:
    """One row per target, judged as known on `as_of` (`observations` hold only what was public by
    then). Its outcome is the same indicator's outcome ending on the same day as the target's period
    (the source with the newer edition wins a tie); failing that, an outcome of the indicator named in
    `not_comparable_with`, shown but never compared. A target with no outcome is pending while its
    period runs on `as_of`, and not reported once it has ended. The frames are in `lang`, and the gap
    is written in it, with the symbols of `units`."""
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

    statuses: list[tuple[Status, Reason]] = []
    for row, own_outcome in zip(frame.itertuples(index=False), has_same, strict=True):
        if own_outcome:
            statuses.append(judge(row.target_value, row.target_qualifier, row.outcome_value,
                                  row.outcome_qualifier, row.direction == "higher_is_better"))  # fmt: skip
        elif pd.notna(row.outcome_id):
            statuses.append((NOT_COMPARABLE, Reason("not_comparable_indicator", {"reason": row.not_comparable_reason})))
        elif row.period_end.date() >= as_of:  # a period ends with its last day, not on it
            params = {"end": row.period_end.date().isoformat(), "as_of": as_of.isoformat()}
            statuses.append((PENDING, Reason("pending", params)))
        else:
            statuses.append((NOT_REPORTED, Reason("not_reported", {"as_of": as_of.isoformat()})))
    frame["status"] = [status for status, _ in statuses]
    frame["status_reason_code"] = [reason.code for _, reason in statuses]
    frame["status_reason_params"] = pd.Series(
        [reason.params for _, reason in statuses], index=frame.index, dtype=object
    )

    compared = frame["status"].isin([ACHIEVED, MISSED])
    frame["gap"] = (frame["outcome_value"] - frame["target_value"]).where(compared)
    frame["gap_percent"] = (100 * frame["gap"] / frame["target_value"].where(frame["target_value"] != 0)).where(
        compared
    )
    symbols = dict(zip(units["id"], units["symbol"], strict=True))
    frame["gap_label"] = [
        format_gap(gap, percent, unit, symbols.get(unit, ""), qualifier, lang) if ok else ""
        for gap, percent, unit, qualifier, ok in zip(
            frame["gap"], frame["gap_percent"], frame["unit"], frame["outcome_qualifier"], compared, strict=True
        )
    ]
    numeric = ("target_value", "outcome_value", "gap", "gap_percent", "period_end")
    frame = frame[COLUMNS].reset_index(drop=True)
    return frame.fillna({column: "" for column in COLUMNS if column not in numeric})
