"""What changed: the chosen edition against an earlier one: targets set, outcomes reported, figures
restated, and targets whose status moved, with the sources on both sides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components import exports
from components.data_layer import DataLayer, edition
from components.data_layer.changes import CHANGES, changes_between
from components.formatting import format_day
from components.i18n import N_

from .common import Choice, Header, counted, header, translated, words
from .frame import Edition, editions

CHANGE_HEADERS = {
    "indicator": N_("Figure"), "theme": N_("Theme"), "period_label": N_("Period"), "before": N_("Before"),
    "after": N_("After"), "source_before": N_("Source before"), "source_after": N_("Source after"),
}  # fmt: skip


FIRST_EDITION = N_("This is the first edition of the monitor: there is no earlier one to compare it with.")


@dataclass(frozen=True)
class ChangeSection:
    heading: str  # the kind of change and its count
    rows: pd.DataFrame  # CHANGE_HEADERS; may be empty


@dataclass(frozen=True)
class WhatChanged:
    header: Header
    since: date | None  # the earlier edition compared with; None when this is the first edition
    empty: str  # why there is nothing to compare, on the first edition; "" otherwise
    compared: str  # which two editions are compared
    sections: list[ChangeSection]  # each kind of change, even with no rows
    none: str  # what an empty section says
    csv: pd.DataFrame  # every change in one table, with a column saying which
    csv_label: str
    csv_file: str


def earlier_editions(layer: DataLayer, choice: Choice) -> list[Edition]:
    """The editions before the one shown, newest first: what What changed may compare with."""
    return [edition for edition in editions(layer, choice) if edition.date < layer.as_of]


@dataclass(frozen=True)
class CompareChoice:
    """What the page shows above its choice of an earlier edition, and the choice's words."""

    header: Header
    empty: str  # that there is nothing to compare with, on the first edition; "" otherwise
    label: str
    help: str
    options: dict[str, str]  # ISO date -> the edition's date and title, newest first


def compare_choice(layer: DataLayer, choice: Choice) -> CompareChoice:
    _ = words(choice)
    options = {edition.date.isoformat(): edition.label for edition in earlier_editions(layer, choice)}
    return CompareChoice(
        header(layer, "What changed"),
        "" if options else _(FIRST_EDITION),
        _("Compared with"),
        _("An earlier edition; the previous one unless you pick another."),
        options,
    )


def what_changed(layer: DataLayer, choice: Choice, since: str | None = None) -> WhatChanged:
    """The edition shown against an earlier one, `since` (an ISO date; None or a date that is not an
    earlier edition: the previous one)."""
    _ = words(choice)
    earlier = earlier_editions(layer, choice)
    chosen = next((edition.date for edition in earlier if edition.date.isoformat() == since), None)
    since_date = chosen or (earlier[0].date if earlier else None)
    table = changes_between(edition(layer, since_date), layer) if since_date else changes_between(layer, layer)
    labels = dict(zip(layer.themes["id"], layer.themes["label"], strict=True))
    chosen_labels = {labels[theme] for theme in choice.themes if theme in labels}
    if chosen_labels:
        table = table[table["theme"].isin(chosen_labels)]
    moved = table["change"] == "status moved"
    for side in ("before", "after"):  # a status moved from one status to another: say them in the reader's words
        table.loc[moved, side] = table.loc[moved, side].map(_)
    headers = translated(CHANGE_HEADERS, _)
    sections = []
    for change in CHANGES:
        rows = table.loc[table["change"] == change, list(CHANGE_HEADERS)].rename(columns=headers)
        sections.append(ChangeSection(counted(_(change), len(rows), _), rows))
    compared = (
        _("From the monitor as known on {since} to the monitor as known on {as_of}.").format(
            since=format_day(since_date, layer.lang), as_of=format_day(layer.as_of, layer.lang)
        )
        if since_date
        else ""
    )
    return WhatChanged(
        header=header(layer, "What changed"),
        since=since_date,
        empty=""
        if since_date
        else _("This is the first edition of the monitor: there is no earlier one to compare it with."),
        compared=compared,
        sections=sections,
        none=_("None."),
        csv=table.assign(change=table["change"].map(_)).rename(columns={"change": _("Change"), **headers}),
        csv_label=_("Download these changes (CSV)"),
        csv_file=exports.export_filename(f"changes since {since_date}", choice.themes, "csv", choice.edition_in_name),
    )
