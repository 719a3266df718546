"""The snapshot's own words, by language: everything its pages say that is neither data nor a page
view's text. Kept in one place, so a new interface language is one more entry in LANGUAGES."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from components.i18n import LANGUAGE_NAMES as I18N_NAMES
from components.i18n import LANGUAGES as I18N_LANGUAGES
from components.i18n import Language, format_day, translator
from components.page_list import PAGES

DEFAULT_LANGUAGE = "en"
# Every language the command knows of; only those in LANGUAGES can be built.
PLANNED_LANGUAGES = I18N_LANGUAGES
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
        return format_day(day, self.language)  # type: ignore[arg-type]

    def page_title(self, name: str) -> str:
        return self.page_titles[name]


def text_for(lang: Language) -> Text:
    """The snapshot's words in `lang`, from the same message catalog as the app."""
    _ = translator(lang)
    return Text(
        language=lang,
        name=I18N_NAMES[lang],
        site_title=_("Shanxi Transformation Monitor"),
        page_titles={page.name: _(page.title) for page in PAGES},
        skip_to_content=_("Skip to the content"),
        pages_nav=_("Pages"),
        languages_nav=_("Languages"),
        as_known_on=_("As known on {date} ({newest})."),
        the_newest_edition=_("the newest edition"),
        newest_edition_was=_("newest edition: {date}"),
        built_on=_("Built on {date}."),
        footer=_(
            "A static snapshot of the Shanxi Transformation Monitor: every figure comes from a named public "
            "document, listed under Data and sources. The interactive app is the place to filter and explore."
        ),
        intro=_(
            "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
            "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
            "with its period and whether it is a target or an outcome."
        ),
        newest_source=_("Newest source: {title} ({outlet}){dated}."),
        dated=_(", dated {date}"),
        no_figures=_("No figures were public on this date."),
        scorecard=_("Target scorecard"),
        scorecard_link=_("{count} target(s) {status}: see them on the plan page"),
        headlines=_("Headline figures by theme"),
        headlines_caption=_("The newest reported outcomes, up to three per theme. The theme pages have every figure."),
        holdings=_("What the monitor holds"),
        plan_caption=_(
            "What the plans and work reports promised, in their own words and units, beside what was reported "
            "for the same indicator and period. How a status is decided is set out on the Data and sources page."
        ),
        targets_against_outcomes=_("Targets against outcomes"),
        read_with_care=_("Read with care"),
        no_targets=_("No targets were public on this date."),
        growth_caption=_("Year-on-year change on the same period a year before, as the sources report it."),
        periods_nav=_("Periods"),
        no_growth=_("The sources hold no year-on-year figures yet."),
        no_growth_in_period=_("No growth rates in {period}."),
        only_targets=_("No outcome has been reported yet for this period: the ticks are the targets."),
        not_in_percent=_("Not on the chart (given as a multiple, not a percent):"),
        themes_nav=_("Themes"),
        targets=_("Targets"),
        no_theme_figures=_("No figures for this theme yet."),
        compared=_("From the monitor as known on {since} to the monitor as known on {as_of}."),
        none=_("None."),
        changes_csv=_("Download these changes (CSV)"),
        observations_count=_("{count} observations."),
        filter_label=_("Filter the observations"),
        filter_count=_("{shown} of {total} observations shown."),
        observations_csv=_("Download every observation (CSV)"),
        sources=_("Sources"),
        source_file=_("Source id and file: {id} ({file})"),
        date_note=_("Date:"),
        other_figures=_("Other numbers in the document, not counted as indicators:"),
        how_to_read=_("How to read the figures"),
        method_missing=_(
            "The notes on method are missing from this copy of the monitor (README.md has no method section)."
        ),
        download=_("Download"),
        download_label=_("{format} of {name}"),
        data_table=_("Data table"),
        formats={"png": "PNG", "svg": "SVG", "pdf": "PDF", "csv": _("CSV (data)")},
    )


LANGUAGES: dict[str, Text] = {code: text_for(code) for code in I18N_LANGUAGES}
