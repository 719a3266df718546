"""Why a target has its status, in the reader's words: the data layer gives a reason as a code with
its parameters (plan_vs_outcome.Reason); this words it in the language of `_`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from components.data_layer.vocabulary import ReasonCode
from components.i18n import N_

Translate = Callable[[str], str]

# Each reason's sentence. "not_comparable_indicator" has none: the data's own reason, already in the
# reader's language, is the sentence (indicators.yaml `not_comparable_with.reason`).
SENTENCES: dict[ReasonCode, str] = {
    "meets": N_("The outcome meets the target."),
    "within_about_tolerance": N_("The outcome is within {tolerance} of an 'about' target."),
    "falls_short": N_("The outcome falls short of the target."),
    "rank_target": N_("The target is a place among the top, not a number."),
    "rank_outcome": N_("The outcome is a place among the top, not a number."),
    "lower_bound_ceiling": N_("The outcome is a lower bound, which cannot show a ceiling was kept."),
    "bound_below_target": N_(
        "The outcome is known only to exceed a value below the target, so it may or may not meet it."
    ),
    "upper_bound_above_target": N_(
        "The outcome is known only to fall just short of a value at or above the target, so it may or may not meet it."
    ),
    "pending": N_("The target's period runs to {end}, after {as_of}."),
    "not_reported": N_("The period has ended and no source published by {as_of} reports it."),
}


def word_reason(code: ReasonCode, params: Mapping[str, Any], _: Translate) -> str:
    """The reason `code` with its `params` as a sentence, and a note of any hedge: 'The outcome meets
    the target. Note: the outcome is hedged ('more than').'"""
    if code == "not_comparable_indicator":
        return str(params["reason"])
    words = {key: value for key, value in params.items() if isinstance(value, str)}
    if "tolerance" in params:
        words["tolerance"] = f"{params['tolerance']:.0%}"
    hedges = [
        _("the {side} is hedged ('{qualifier}')").format(side=_(side), qualifier=_(qualifier))
        for side, qualifier in params.get("hedges", ())
    ]
    note = _(" Note: {hedges}.").format(hedges=_("; ").join(hedges)) if hedges else ""
    return _(SENTENCES[code]).format(**words) + note
