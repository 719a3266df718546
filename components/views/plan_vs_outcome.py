"""Plan vs outcome: every target with its outcome and status as known on the chosen edition, grouped
by status, the compared pairs charted, and notes on what to read with care."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data_layer import STATUSES, DataLayer, Status, queries

from .common import ChartView, Choice, Header, StatusGroup, Translate, compared_chart, header, tracker_groups, words
from .reasons import word_reason


@dataclass(frozen=True)
class Caveat:
    heading: str  # the indicator and period
    text: str  # target, outcome and why to read them with care


@dataclass(frozen=True)
class PlanIntro:
    """What the page shows above its status choice, and the choice's words."""

    header: Header
    caption: str
    status_label: str
    status_help: str
    status_names: dict[Status, str]  # each status in the reader's words


def plan_intro(layer: DataLayer, choice: Choice) -> PlanIntro:
    _ = words(choice)
    return PlanIntro(
        header=header(layer, "Plan vs outcome"),
        caption=_(
            "What the plans and work reports promised, in their own words and units, beside what was reported "
            "for the same indicator and period. How a status is decided is set out on the Data and sources page."
        ),
        status_label=_("Status"),
        status_help=_("Leave empty for all."),
        status_names={status: _(status) for status in STATUSES},
    )


@dataclass(frozen=True)
class PlanVsOutcome:
    intro: PlanIntro
    pairs: pd.DataFrame  # every target matching the choices, judged on the edition's day
    empty: str  # why nothing is shown, when no target matches; "" otherwise
    counts: str  # each shown status's badge and count in one line
    groups: list[StatusGroup]  # the tracker: the targets under their status, in STATUSES order
    chart_heading: str
    chart: ChartView | None  # the compared pairs (achieved or missed), when there are enough to chart
    caveats_heading: str
    caveats: list[Caveat]  # pairs not comparable or with a hedged figure


def plan_vs_outcome(layer: DataLayer, choice: Choice, statuses: tuple[Status, ...] = ()) -> PlanVsOutcome:
    _ = words(choice)
    pairs = queries.for_themes(layer.plan_vs_outcome, choice.themes)
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    hedged = (pairs["status"] == "not comparable") | (pairs["target_qualifier"] != "")
    hedged |= pairs["outcome_qualifier"] != ""
    groups = tracker_groups(pairs, layer.themes, _, queries.latest_interim(layer.observations, pairs))
    return PlanVsOutcome(
        intro=plan_intro(layer, choice),
        pairs=pairs,
        empty=""
        if groups
        else _("No targets for the chosen themes and statuses. Clear the status pills or widen the theme filter.")
        if choice.themes or statuses
        else _("No targets were public on this date."),  # nothing to clear, in the app or the snapshot
        counts=" · ".join(
            _("{badge}: {count}").format(badge=group.badge, count=len(group.targets)) for group in groups
        ),
        groups=groups,
        chart_heading=_("Targets against outcomes"),
        chart=compared_chart(layer, pairs, "Plan vs outcome", choice),
        caveats_heading=_("Read with care"),
        caveats=[_caveat(row, _) for row in pairs[hedged].itertuples()],
    )


def _caveat(pair, _: Translate) -> Caveat:
    text = _("target {target}").format(target=pair.target_label)
    if pair.outcome_label:
        text += _("; outcome {outcome} ({indicator})").format(
            outcome=pair.outcome_label, indicator=pair.outcome_indicator
        )
    reason = word_reason(pair.status_reason_code, pair.status_reason_params, _)
    return Caveat(_("{indicator}, {period}").format(indicator=pair.indicator, period=pair.period_label),
                  _("{text}. {reason}").format(text=text, reason=reason))  # fmt: skip
