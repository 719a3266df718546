"""The snapshot's pages: each app page's finished view (components/views) put into its template,
one page per choice where the app has a choice (a growth period, a theme). No query, status rule,
chart or wording is made here: the views made them; this only lays them out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from components.data_layer import DataLayer
from components.markdown import plain_text
from components.page_list import PAGES, PageInfo
from components.views import data_and_sources as data_view
from components.views import growth_rates
from components.views import indicator as indicator_view
from components.views import overview as overview_view
from components.views import plan_vs_outcome as plan_view
from components.views import themes as themes_view
from components.views import what_changed as changes_view
from components.views.common import ChartView, Choice, Header, StatusGroup

from .text import Text

FRONT_PAGE = "index.html"


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""  # where the cell links to, if anywhere


@dataclass(frozen=True)
class Table:
    """A frame as an HTML table shows it: header cells and rows of cells."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @classmethod
    def of(cls, frame: pd.DataFrame, links: dict[str, list[str]] | None = None) -> Table:
        """`links` maps a column to one address per row, as for the app's Markdown tables."""
        linked = {frame.columns.get_loc(column): addresses for column, addresses in (links or {}).items()}
        rows = tuple(
            tuple(Cell(plain_text(cell), _safe(linked[index][number]) if index in linked else "")
                  for index, cell in enumerate(row))
            for number, row in enumerate(frame.itertuples(index=False))
        )  # fmt: skip
        return cls(tuple(plain_text(column) for column in frame.columns), rows)


def _safe(address: str) -> str:
    """Web addresses and the site's own pages only: never javascript: or data:."""
    return address if re.match(r"^(https?://|[a-z0-9-]+\.html(#[a-z0-9-]*)?$)", address or "") else ""


@dataclass(frozen=True)
class ChartBlock:
    """A chart as the page shows it: its spec, text alternative and data table, and its files."""

    id: str  # unique on its page
    view: ChartView
    files: dict[str, str]  # extension -> file name beside the page, in the app's download order
    table: Table


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class StatusSection:
    anchor: str  # the section's id: the plan page's scorecard links end in #<anchor>
    heading: str  # the status's mark, word and count
    table: Table


@dataclass
class SitePage:
    file: str  # its file name, in its language's folder
    menu: str  # the PageInfo.name of its entry in the menu
    title: str  # the browser tab's title
    heading: str  # the page's h1
    edition: str  # which edition the page shows
    template: str
    view: Any = None  # the page's finished view, which the template lays out
    content: dict[str, Any] = field(default_factory=dict)  # what the template needs beside the view
    charts: list[ChartBlock] = field(default_factory=list)
    csv_files: dict[str, pd.DataFrame] = field(default_factory=dict)  # other downloads: file name -> frame
    subnav: tuple[str, list[Link]] | None = None  # (its label, the pages of the same choice)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def page_file(page: PageInfo, choice: str | None = None) -> str:
    """The file of `page` (of one of its choices: a period, a theme)."""
    if not page.url_path:
        return FRONT_PAGE
    return f"{page.url_path}-{_slug(choice)}.html" if choice else f"{page.url_path}.html"


@dataclass(frozen=True)
class Build:
    """What every page of one language is built from: the edition and the choice it was built for."""

    layer: DataLayer
    choice: Choice
    text: Text

    def chart(self, view: ChartView, number: int) -> ChartBlock:
        return ChartBlock(f"chart-{number}", view, dict(view.files), Table.of(view.screen_table))

    def page(self, info: PageInfo, template: str, header: Header, view: Any, choice: str | None = None,
             heading: str = "") -> SitePage:  # fmt: skip
        heading = heading or header.title
        full_title = f"{heading} · {self.text.site_title}" if info.url_path else heading
        return SitePage(page_file(info, choice), info.name, full_title, heading, header.edition_line, template, view)


def indicator_links(indicators: tuple[str, ...]) -> list[str]:
    """Each indicator's page in the site ("" for none)."""
    page = PAGES_BY_NAME["indicator"]
    return [page_file(page, indicator) if indicator else "" for indicator in indicators]


def linked(frame: pd.DataFrame, column: str, indicators: tuple[str, ...]) -> Table:
    """`frame` as a table whose `column` links each row to its indicator's page."""
    return Table.of(frame, {column: indicator_links(indicators)} if column else None)


def status_sections(groups: list[StatusGroup]) -> list[StatusSection]:
    return [
        StatusSection(group.anchor, group.heading, linked(group.targets, group.link_column, group.indicator_ids))
        for group in groups
    ]


def overview(build: Build, info: PageInfo) -> list[SitePage]:
    view = overview_view.overview(build.layer, build.choice)
    page = build.page(info, "overview.html", view.header, view)
    plan = page_file(PAGES_BY_NAME["plan_vs_outcome"])
    page.content = {
        "links": {card.status: f"{plan}#{card.anchor}" for card in view.scorecard if card.count},
        "headlines": linked(view.headlines, view.headline_link_column, view.headline_ids),
    }
    if view.coverage:
        page.charts.append(build.chart(view.coverage, 1))
    return [page]


def plan_vs_outcome(build: Build, info: PageInfo) -> list[SitePage]:
    view = plan_view.plan_vs_outcome(build.layer, build.choice)
    page = build.page(info, "plan_vs_outcome.html", view.intro.header, view)
    page.content = {"sections": status_sections(view.groups)}
    if view.chart:
        page.charts.append(build.chart(view.chart, 1))
    return [page]


def growth_rates_pages(build: Build, info: PageInfo) -> list[SitePage]:
    first = growth_rates.growth(build.layer, build.choice)
    if not first.periods:
        return [build.page(info, "growth_rates.html", first.header, first)]
    pages = []
    for period in first.periods:
        view = first if period == first.period else growth_rates.growth(build.layer, build.choice, period)
        label = view.period_labels[period]
        page = build.page(info, "growth_rates.html", view.header, view, period, heading=f"{view.header.title}, {label}")
        if view.chart:
            page.charts.append(build.chart(view.chart, 1))
        pages.append(page)
    links = [(page_file(info, period), first.period_labels[period]) for period in first.periods]
    over_time = growth_rates.growth_over_time(build.layer, build.choice)
    if over_time:
        title = f"{first.header.title}, {first.views['time']}"
        page = build.page(info, "growth_rates.html", first.header, replace(first, empty="", notes=[]), "over time",
                          heading=title)  # fmt: skip
        page.charts.append(build.chart(over_time, 1))
        pages.append(page)
        links.append((page.file, first.views["time"]))
    _link_choices(pages, build.text.periods_nav, links)
    return pages


def what_changed(build: Build, info: PageInfo) -> list[SitePage]:
    view = changes_view.what_changed(build.layer, build.choice)
    if view.since is None:
        return []  # the first edition: nothing earlier to compare with, so no page
    page = build.page(info, "what_changed.html", view.header, view)
    page.content = {"sections": [(section.heading, Table.of(section.rows) if len(section.rows) else None)
                                 for section in view.sections]}  # fmt: skip
    page.csv_files[view.csv_file] = view.csv
    return [page]


def themes(build: Build, info: PageInfo) -> list[SitePage]:
    offered = themes_view.theme_choice(build.layer, build.choice)
    pages = []
    for theme, label in offered.themes.items():
        view = themes_view.theme_page(build.layer, build.choice, theme)
        page = build.page(info, "theme.html", view.header, view, theme, heading=label)
        page.content = {
            "targets": status_sections(view.targets),
            "tables": [
                (heading, linked(figures, view.link_column, indicators))
                for (heading, figures), indicators in zip(view.tables, view.table_ids, strict=True)
            ],
        }
        page.charts += [build.chart(chart, number) for number, (_, chart) in enumerate(view.charts, start=1)]
        pages.append(page)
    links = [(page_file(info, theme), label) for theme, label in offered.themes.items()]
    _link_choices(pages, build.text.themes_nav, links)
    return pages


def indicators(build: Build, info: PageInfo) -> list[SitePage]:
    offered = indicator_view.indicator_choice(build.layer, build.choice)
    pages = []
    for indicator in offered.indicators:
        view = indicator_view.indicator_page(build.layer, build.choice, indicator)
        page = build.page(info, "indicator.html", view.header, view, indicator, heading=view.name)
        page.content = {"figures": Table.of(view.figures, {view.source_column: view.addresses})}
        if view.chart:
            page.charts.append(build.chart(view.chart, 1))
        pages.append(page)
    return pages


def data_and_sources(build: Build, info: PageInfo) -> list[SitePage]:
    view = data_view.data_and_sources(build.layer, build.choice)
    page = build.page(info, "data_and_sources.html", view.header, view)
    page.content = {"observations": Table.of(view.table)}
    page.csv_files[view.csv_file] = view.csv
    return [page]


def _link_choices(pages: list[SitePage], label: str, links: list[tuple[str, str]]) -> None:
    """Give each page of one choice the links to all of them, its own marked current."""
    for page in pages:
        page.subnav = (label, [Link(title, file, file == page.file) for file, title in links])


PAGES_BY_NAME = {page.name: page for page in PAGES}
# Each app page's snapshot, by PageInfo.name: a page added to page_list.PAGES needs one here too.
BUILDERS: dict[str, Callable[[Build, PageInfo], list[SitePage]]] = {
    "overview": overview,
    "plan_vs_outcome": plan_vs_outcome,
    "growth_rates": growth_rates_pages,
    "what_changed": what_changed,
    "themes": themes,
    "indicator": indicators,
    "data_and_sources": data_and_sources,
}


def site_pages(layer: DataLayer, choice: Choice, text: Text) -> Iterator[SitePage]:
    """Every page of the site in one language, in menu order, each as soon as it is built (so its
    images can be rendered while the next is)."""
    missing = [page.name for page in PAGES if page.name not in BUILDERS]
    if missing:
        raise LookupError(f"The snapshot has no builder for the page(s) {', '.join(missing)} (snapshot/pages.py)")
    build = Build(layer, choice, text)
    for info in PAGES:
        yield from BUILDERS[info.name](build, info)


def menu(pages: list[SitePage], text: Text, current: SitePage) -> list[Link]:
    """The site's menu: each app page that has a snapshot page, linking to its first one."""
    first: dict[str, str] = {}
    for page in pages:
        first.setdefault(page.menu, page.file)
    return [Link(text.page_title(info.name), first[info.name], info.name == current.menu)
            for info in PAGES if info.name in first]  # fmt: skip
