"""The snapshot's own words, by language: everything its pages say that is neither data nor a page
view's text. Kept in one place, so a new interface language is one more entry in LANGUAGES."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from components.page_list import PAGES

DEFAULT_LANGUAGE = "en"
# Every language the command knows of; only those in LANGUAGES can be built yet.
PLANNED_LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


@dataclass(frozen=True)
class Text:
    language: str  # the BCP 47 code for <html lang> and the folder of a non-default language
    name: str  # the language's name in itself, for the language links
    site_title: str
    page_titles: dict[str, str]  # by PageInfo.name
    skip_to_content: str
    pages_nav: str
    languages_nav: str
    as_known_on: str  # {date}, {newest}
    the_newest_edition: str
    newest_edition_was: str  # {date}
    built_on: str  # {date}
    footer: str
    # Overview
    intro: str
    newest_source: str  # {title}, {outlet}, {dated}
    dated: str  # {date}
    no_figures: str
    scorecard: str
    scorecard_link: str  # {count}, {status}: what a count's link says to a screen reader
    headlines: str
    headlines_caption: str
    holdings: str
    # Plan vs outcome
    plan_caption: str
    targets_against_outcomes: str
    read_with_care: str
    no_targets: str
    # Growth rates
    growth_caption: str
    periods_nav: str
    no_growth: str
    no_growth_in_period: str  # {period}
    only_targets: str
    not_in_percent: str
    # Themes
    themes_nav: str
    targets: str
    no_theme_figures: str
    # What changed
    compared: str  # {since}, {as_of}
    none: str
    changes_csv: str
    # Data and sources
    observations_count: str  # {count}
    filter_label: str
    filter_count: str  # {shown}, {total}: filled in by the filter script
    observations_csv: str
    sources: str
    source_file: str  # {id}, {file}
    date_note: str
    other_figures: str
    how_to_read: str
    method_missing: str
    # Charts
    download: str
    download_label: str  # {format}, {name}
    data_table: str
    formats: dict[str, str] = field(default_factory=dict)  # file extension -> what the link says

    def date(self, day: date) -> str:
        return f"{day:%-d %B %Y}"

    def page_title(self, name: str) -> str:
        return self.page_titles[name]


ENGLISH = Text(
    language="en",
    name="English",
    site_title="Shanxi Transformation Monitor",
    page_titles={page.name: page.title for page in PAGES},
    skip_to_content="Skip to the content",
    pages_nav="Pages",
    languages_nav="Languages",
    as_known_on="As known on {date} ({newest}).",
    the_newest_edition="the newest edition",
    newest_edition_was="newest edition: {date}",
    built_on="Built on {date}.",
    footer=(
        "A static snapshot of the Shanxi Transformation Monitor: every figure comes from a named public "
        "document, listed under Data and sources. The interactive app is the place to filter and explore."
    ),
    intro=(
        "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
        "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
        "with its period and whether it is a target or an outcome."
    ),
    newest_source="Newest source: {title} ({outlet}){dated}.",
    dated=", dated {date}",
    no_figures="No figures were public on this date.",
    scorecard="Target scorecard",
    scorecard_link="{count} target(s) {status}: see them on the plan page",
    headlines="Headline figures by theme",
    headlines_caption="The newest reported outcomes, up to three per theme. The theme pages have every figure.",
    holdings="What the monitor holds",
    plan_caption=(
        "What the plans and work reports promised, in their own words and units, beside what was reported "
        "for the same indicator and period. How a status is decided is set out on the Data and sources page."
    ),
    targets_against_outcomes="Targets against outcomes",
    read_with_care="Read with care",
    no_targets="No targets were public on this date.",
    growth_caption="Year-on-year change on the same period a year before, as the sources report it.",
    periods_nav="Periods",
    no_growth="The sources hold no year-on-year figures yet.",
    no_growth_in_period="No growth rates in {period}.",
    only_targets="No outcome has been reported yet for this period: the ticks are the targets.",
    not_in_percent="Not on the chart (given as a multiple, not a percent):",
    themes_nav="Themes",
    targets="Targets",
    no_theme_figures="No figures for this theme yet.",
    compared="From the monitor as known on {since} to the monitor as known on {as_of}.",
    none="None.",
    changes_csv="Download these changes (CSV)",
    observations_count="{count} observations.",
    filter_label="Filter the observations",
    filter_count="{shown} of {total} observations shown.",
    observations_csv="Download every observation (CSV)",
    sources="Sources",
    source_file="Source id and file: {id} ({file})",
    date_note="Date:",
    other_figures="Other numbers in the document, not counted as indicators:",
    how_to_read="How to read the figures",
    method_missing="The notes on method are missing from this copy of the monitor (README.md has no method section).",
    download="Download",
    download_label="{format} of {name}",
    data_table="Data table",
    formats={"png": "PNG", "svg": "SVG", "pdf": "PDF", "csv": "CSV (data)"},
)

LANGUAGES: dict[str, Text] = {"en": ENGLISH}
