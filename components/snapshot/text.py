"""The snapshot's own words, by language: only what a static site says that the app does not (its
menu, skip link, footer, build date, links to files). Every page's words come from its view, in
the language of the build, from the same message catalog as the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from components.formatting import format_day
from components.i18n import Language, language, languages, translator
from components.page_list import PAGES


@dataclass(frozen=True)
class Text:
    language: Language  # the BCP 47 code for <html lang> and the folder of a non-default language
    name: str  # the language's name in itself, for the language links
    site_title: str
    page_titles: dict[str, str]  # by PageInfo.name
    skip_to_content: str
    pages_nav: str
    languages_nav: str
    built_on: str  # {date}
    footer: str
    periods_nav: str
    themes_nav: str
    filter_label: str
    filter_count: str  # {shown}, {total}: filled in by the filter script
    download: str
    download_label: str  # {format}, {name}
    data_table: str
    formats: dict[str, str] = field(default_factory=dict)  # file extension -> what the link says

    def date(self, day: date) -> str:
        return format_day(day, self.language)

    def page_title(self, name: str) -> str:
        return self.page_titles[name]


def text_for(lang: Language) -> Text:
    """The snapshot's words in `lang`."""
    _ = translator(lang)
    return Text(
        language=lang,
        name=language(lang).name,
        site_title=_("Shanxi Transformation Monitor"),
        page_titles={page.name: _(page.title) for page in PAGES},
        skip_to_content=_("Skip to the content"),
        pages_nav=_("Pages"),
        languages_nav=_("Languages"),
        built_on=_("Built on {date}."),
        footer=_(
            "A static snapshot of the Shanxi Transformation Monitor: every figure comes from a named public "
            "document, listed under Data and sources. The interactive app is the place to filter and explore."
        ),
        periods_nav=_("Periods"),
        themes_nav=_("Themes"),
        filter_label=_("Filter the observations"),
        filter_count=_("{shown} of {total} observations shown."),
        download=_("Download"),
        download_label=_("{format} of {name}"),
        data_table=_("Data table"),
        formats={"png": "PNG", "svg": "SVG", "pdf": "PDF", "csv": _("CSV (data)")},
    )


LANGUAGE_TEXTS: dict[str, Text] = {code: text_for(code) for code in languages()}
