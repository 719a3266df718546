"""What the frame around every page shows and accepts: the editions, the theme filter, the language,
and the values a link may carry for each choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.data_layer import STATUSES, DataLayer, queries
from components.i18n import languages

from .common import Choice, words

SHORT_TITLE = 36  # characters of an edition's title in the "As of" choice, which fits the sidebar's width


@dataclass(frozen=True)
class Edition:
    date: date  # the day a source's figures became public
    title: str  # the titles of the edition's sources, marked when the date was inferred
    label: str  # the date and the title
    short_label: str  # the date and the start of the first title, with how many more sources there are and
    # whether the date was inferred


def editions(layer: DataLayer, choice: Choice) -> list[Edition]:
    """Every edition of the monitor, newest first."""
    _ = words(choice)
    found = []
    for row in layer.editions.itertuples():
        inferred = _(" (date inferred)") if row.inferred else ""
        titles = row.title.split(_("; "))  # joined in the reader's language (；in Chinese)
        more = _(" (+{count} more)").format(count=len(titles) - 1) if len(titles) > 1 else ""
        short = titles[0] if len(titles[0]) <= SHORT_TITLE else titles[0][: SHORT_TITLE - 1].rstrip() + "…"
        day = f"{row.date:%Y-%m-%d}"
        # The marks come right after the date, where the sidebar's narrow list still shows them: a date
        # the sources do not give must not read as given, nor one source stand for several.
        found.append(
            Edition(row.date.date(), row.title + inferred, f"{day} · {row.title}{inferred}",
                    f"{day}{inferred}{more} · {short}")
        )  # fmt: skip
    return found


def language_names() -> dict[str, str]:
    """Each interface language by its name in itself, for the language choice."""
    return {code: record.name for code, record in languages().items()}


@dataclass(frozen=True)
class Sidebar:
    """The frame's choices, worded: the edition, the language and the theme filter."""

    as_of_label: str
    as_of_help: str
    editions: list[Edition]
    themes_label: str
    themes_help: str
    themes_placeholder: str
    theme_labels: dict[str, str]  # id -> label
    caption: str


def sidebar(layer: DataLayer, choice: Choice) -> Sidebar:
    _ = words(choice)
    found = editions(layer, choice)
    return Sidebar(
        as_of_label=_("As of"),
        as_of_help=_("See the monitor as it was known on the day a source's figures became public."),
        editions=found,
        themes_label=_("Themes"),
        themes_help=_("Pick one or more themes; leave empty for all. The choice is kept in the page's link."),
        themes_placeholder=_("All themes"),
        theme_labels=dict(zip(layer.themes["id"], layer.themes["label"], strict=True)),
        caption=_("Figures from {count} news and press documents on Shanxi. See Data and sources.").format(
            count=len(layer.sources)
        ),
    )


@dataclass(frozen=True)
class LinkValues:
    """What the frame's and pages' choices accept, as their widgets write them into a link."""

    themes: list[str]  # theme labels
    statuses: list[str]
    periods: list[str]  # growth-period labels
    editions: list[str]  # edition dates, YYYY-MM-DD
    indicators: list[str]  # indicator ids


def link_values(layer: DataLayer, choice: Choice) -> LinkValues:
    labels = queries.period_labels(layer.observations)
    periods = [labels[period] for period in queries.figure_periods(layer.observations, "yoy_growth")]
    dates = [edition.date.isoformat() for edition in editions(layer, choice)]
    _ = words(choice)
    return LinkValues(
        list(layer.themes["label"]), [_(status) for status in STATUSES], periods, dates, list(layer.indicators["id"])
    )
