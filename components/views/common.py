"""What several page views share: the reader's choice, the page header, chart views, the status
badges and the tracker's groups. Pure: no Streamlit, no Markdown, no HTML."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from components import chart_theme, charts, exports
from components.data_layer import DataLayer, Measure, Status
from components.data_layer.vocabulary import ACHIEVED, MISSED, STATUSES
from components.formatting import format_day
from components.i18n import N_, Language, translator

from .reasons import word_reason

Translate = Callable[[str], str]


@dataclass(frozen=True)
class Choice:
    """What the reader chose, resolved once by the frame (the app's sidebar and link, or the snapshot's
    build) and handed to every view and to the cache: cheap and hashable."""

    as_of: date  # the edition shown
    is_newest: bool  # whether that is the newest edition (download names then leave the date out)
    lang: Language = "en"
    themes: tuple[str, ...] = ()  # theme ids; empty means all

    @property
    def edition_in_name(self) -> date | None:
        """The edition, when download names must say it (not the newest)."""
        return None if self.is_newest else self.as_of


def words(choice: Choice) -> Translate:
    """`_` for the choice's language."""
    return translator(choice.lang)


def translated(headers: dict[str, str], _: Translate) -> dict[str, str]:
    """Column -> header in the reader's language."""
    return {column: _(header) for column, header in headers.items()}


# How a measure reads in a table or a filter.
MEASURE_NAMES: dict[Measure, str] = {
    "level": N_("level"), "share": N_("share"), "yoy_growth": N_("year-on-year growth"),
    "added": N_("added in the period"), "rank": N_("rank"), "rank_change": N_("change in rank"),
}  # fmt: skip


# --- The page header ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    title: str
    edition_line: str  # which edition the page shows, so a screenshot or print says when it was true


def header(layer: DataLayer, title: str) -> Header:
    """`title` (English; translated here) with the line saying which edition the page shows."""
    _ = translator(layer.lang)
    return Header(_(title), edition_line(layer))


def edition_line(layer: DataLayer) -> str:
    """'As known on 5 March 2025 (the newest edition). Its newest source(s): <title> (<outlet>).'"""
    _ = translator(layer.lang)
    newest = layer.editions["date"].max().date() if len(layer.editions) else layer.as_of
    shown = (
        _("the newest edition")
        if layer.as_of >= newest
        else _("newest edition: {day}").format(day=format_day(newest, layer.lang))
    )
    line = _("As known on {day} ({newest}).").format(day=format_day(layer.as_of, layer.lang), newest=shown)
    sources = layer.sources
    if sources.empty:
        return line
    latest = sources[sources["edition_date"] == sources["edition_date"].max()]
    named = _("; ").join(
        _("{title} ({outlet})").format(title=row.title, outlet=row.outlet) for row in latest.itertuples()
    )
    return line + " " + _("Its newest source(s): {sources}.").format(sources=named)


# --- Charts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartView:
    name: str  # what the chart shows, in English: it names the downloaded files, ASCII in every language
    spec: dict  # Vega-Lite, built and validated by Altair
    description: str  # the chart's text alternative
    table: pd.DataFrame  # the data behind the chart, with reader-facing column names (the CSV)
    shown: tuple[str, ...] = ()  # the columns of `table` to show on screen; empty: all
    files: tuple[tuple[str, str], ...] = ()  # (extension, download file name), in the download order
    credit: tuple[str, ...] = ()  # the exported images' footer: the monitor, the sources, the edition, the address

    @property
    def screen_table(self) -> pd.DataFrame:
        """The table to show under the chart: the columns a reader scans, where the CSV has them all."""
        return self.table[list(self.shown)] if self.shown else self.table

    @property
    def title(self) -> str:
        """The chart's title as drawn, in the reader's language (`name` stays English for file names)."""
        title = self.spec.get("title", "")
        return str(title.get("text", "") if isinstance(title, dict) else title) or self.name


DOWNLOAD_FORMATS = (*exports.IMAGE_FORMATS, "csv")


def download_names(name: str, choice: Choice) -> tuple[tuple[str, str], ...]:
    """Each download's file name: what, which themes and (when not the newest) which edition."""
    return tuple(
        (ext, exports.export_filename(name, choice.themes, ext, choice.edition_in_name)) for ext in DOWNLOAD_FORMATS
    )


def chart_view(
    chart: alt.TopLevelMixin,
    name: str,
    description: str,
    data: pd.DataFrame,
    headers: dict[str, str],
    choice: Choice,
    shown: tuple[str, ...] = (),
    *,
    layer: DataLayer,
    sources: pd.Series,
) -> ChartView:
    """A chart with its text alternative, its data under reader-facing headers, its file names and its
    credit line. `sources` holds each row of `data`'s source ids ("a; b"): the CSV gives each row's
    source ids, outlets and addresses, and the exported images name the sources behind the chart."""
    chart_theme.use()
    _ = words(choice)
    headers = translated(headers, _)
    table = data[list(headers)].rename(columns=headers)
    by_id = layer.sources.set_index("id")
    ids = [[source for source in joined.split("; ") if source in by_id.index] for joined in sources.fillna("")]
    table[_("Source id")] = ["; ".join(row) for row in ids]
    table[_("Outlet")] = ["; ".join(by_id.loc[row, "outlet"]) for row in ids]
    table[_("Address")] = ["; ".join(by_id.loc[row, "address"]) for row in ids]
    cited = sorted({source for row in ids for source in row})
    # On screen, the chart's own columns (or those asked for); the source columns are for the CSV.
    on_screen = tuple(headers[column] for column in shown or headers)
    return ChartView(
        name, chart.to_dict(), description, table, on_screen,
        download_names(name, choice), credit(layer, cited, choice),
    )  # fmt: skip


# Where the monitor is published, for the credit line of exported charts and "How to cite" (optional).
PUBLISHED_AT_VARIABLE = "MONITOR_PUBLISHED_AT"


def published_at() -> str:
    return os.environ.get(PUBLISHED_AT_VARIABLE, "").strip()


def credit(layer: DataLayer, source_ids: list[str], choice: Choice) -> tuple[str, ...]:
    """The lines under an exported chart: the monitor and its edition, each source by outlet and date,
    and the address where the monitor is published, when one is configured."""
    _ = words(choice)
    by_id = layer.sources.set_index("id")
    named = _("; ").join(
        f"{by_id.loc[source, 'outlet']}, {format_day(by_id.loc[source, 'edition_date'].date(), layer.lang)}"
        for source in source_ids
    )
    lines = [
        _("Shanxi Transformation Monitor, as known on {day}.").format(day=format_day(layer.as_of, layer.lang)),
        _("Sources: {sources}.").format(sources=named) if named else "",
        published_at(),
    ]
    return tuple(line for line in lines if line)


# --- Statuses and the tracker ------------------------------------------------------------------

# A status reads as a mark and a word, never by colour alone.
STATUS_MARKS: dict[Status, str] = {
    "achieved": "✔", "missed": "✘", "not comparable": "≠", "pending": "…", "not reported": "?",
}  # fmt: skip


def status_badge(status: Status, _: Translate = str) -> str:
    return f"{STATUS_MARKS[status]} {_(status)}"


def status_anchor(status: str) -> str:
    """A status's section id on the plan page, in the app and the snapshot alike."""
    return status.replace(" ", "-")


def counted(heading: str, count: int, _: Translate) -> str:
    """'Targets set (3)' or '设定的目标（3）': a heading with its count, capitalised where the language has case."""
    text = _("{heading} ({count})").format(heading=heading, count=count)
    return text[:1].upper() + text[1:]


TRACKER_HEADERS = {
    "status_badge": N_("Status"), "indicator": N_("Promise"), "target_label": N_("Target as stated"),
    "outcome_label": N_("Outcome as stated"), "period_label": N_("Period"), "gap_label": N_("Gap"),
    "sources": N_("Sources"),
}  # fmt: skip


@dataclass(frozen=True)
class StatusGroup:
    status: Status
    anchor: str  # the section's id: the scorecard's links end in #<anchor>
    badge: str  # mark and word
    heading: str  # badge and count
    targets: pd.DataFrame  # one row per target (TRACKER_HEADERS), by theme and promise
    indicator_ids: tuple[str, ...] = ()  # each row's indicator: its promise links to the indicator's page
    link_column: str = ""  # the header of the column that links


INTERIM_HEADER = N_("Latest interim figure (not a verdict)")


def tracker_groups(
    pairs: pd.DataFrame, themes: pd.DataFrame, _: Translate = str, interim: pd.DataFrame | None = None
) -> list[StatusGroup]:
    """The targets under their status, each group by theme (themes.yaml order) and then promise. A
    target still open (pending or not reported) shows its indicator's latest interim figure from
    `interim` (queries.latest_interim), with its period and source, beside it: never as its verdict."""
    order = {theme: position for position, theme in enumerate(themes["id"])}
    rows = pairs.assign(
        status_badge=[status_badge(status, _) for status in pairs["status"]],
        sources=[
            _("; ").join(dict.fromkeys(title for title in pair if title))
            for pair in zip(pairs["target_source_title"], pairs["outcome_source_title"], strict=True)
        ],
        _theme=pairs["theme"].map(order),
    ).sort_values(["_theme", "indicator", "period_end"])
    headers = translated(TRACKER_HEADERS, _)
    interim = interim if interim is not None else pd.DataFrame()
    groups = []
    for status in STATUSES:
        group = rows[rows["status"] == status]
        if group.empty:
            continue
        badge = status_badge(status, _)
        table = group[list(TRACKER_HEADERS)].rename(columns=headers)
        found = [interim.loc[target] if target in interim.index else None for target in group["target_id"]]
        if any(row is not None for row in found):
            table[_(INTERIM_HEADER)] = [
                _("{value} ({period}; {source})").format(
                    value=row["interim_label"], period=row["interim_period"], source=row["interim_source"]
                ) if row is not None else ""
                for row in found
            ]  # fmt: skip
        groups.append(
            StatusGroup(
                status, status_anchor(status), badge, counted(badge, len(group), _), table,
                tuple(group["indicator_id"]), headers["indicator"],
            )
        )  # fmt: skip
    return groups


# Frame column -> the header a reader sees, for the compared pairs' chart.
PAIR_HEADERS = {
    "indicator": N_("Indicator"), "period": N_("Period"), "target_label": N_("Target"), "outcome_label": N_("Outcome"),
    "gap_label": N_("Gap"), "status_label": N_("Status"), "status_reason": N_("Why"), "gap": N_("Gap (units)"),
    "gap_percent": N_("Gap (%)"), "target_source_id": N_("Target source"), "outcome_source_id": N_("Outcome source"),
}  # fmt: skip
# On screen, the plan table leaves out the reasons (the page lists those worth reading below the
# chart), the numeric gaps and the source ids.
PAIR_SHOWN = ("indicator", "period", "target_label", "outcome_label", "gap_label", "status_label")
MIN_CHARTED_PAIRS = 2  # fewer compared pairs than this read better as the list alone


def compared_chart(layer: DataLayer, pairs: pd.DataFrame, name: str, choice: Choice) -> ChartView | None:
    """The dumbbell of the pairs with numbers on both sides, or None when fewer than two have them."""
    compared = pairs[pairs["status"].isin([ACHIEVED, MISSED])]
    if len(compared) < MIN_CHARTED_PAIRS:
        return None
    _ = words(choice)
    reasons = zip(compared["status_reason_code"], compared["status_reason_params"], strict=True)
    compared = compared.assign(status_reason=[word_reason(code, params, _) for code, params in reasons])
    chart = charts.plan_vs_outcome_chart(compared, _)
    description = charts.describe_plan_vs_outcome(compared, _)
    data = compared.assign(status_label=compared["status"].map(_))
    sources = data["target_source_id"] + "; " + data["outcome_source_id"]
    return chart_view(chart, name, description, data, PAIR_HEADERS, choice, PAIR_SHOWN, layer=layer, sources=sources)


# Frame column -> header, for the bars-with-targets charts (growth rates, shares).
TARGET_ROW_HEADERS = {
    "indicator": N_("Indicator"), "period_label": N_("Period"), "theme_label": N_("Theme"),
    "outcome_value": N_("Outcome (%)"), "outcome_label": N_("Outcome as stated"), "target_value": N_("Target (%)"),
    "target_label": N_("Target as stated"), "source": N_("Source"), "note": N_("Note"),
}  # fmt: skip
TARGET_ROW_SHOWN = ("indicator", "period_label", "theme_label", "outcome_label", "target_label", "source", "note")
