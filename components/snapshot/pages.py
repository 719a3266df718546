"""The snapshot's pages: each app page's view (components/page_views) put into what its template
needs, as plain strings, tables and charts. A page with a choice in the app (a growth period, a
theme) becomes one page per choice. No query, status rule or chart is made here: only layout."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from components import exports, page_views
from components.data_layer import DataLayer
from components.markdown import plain_text
from components.page_list import PAGES, PageInfo
from components.page_views import ChartView, StatusGroup

from .text import Text

FRONT_PAGE = "index.html"


@dataclass(frozen=True)
class Table:
    """A frame as an HTML table shows it: header cells and rows of text."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Table:
        rows = tuple(tuple(plain_text(cell) for cell in row) for row in frame.itertuples(index=False))
        return cls(tuple(plain_text(column) for column in frame.columns), rows)


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
    badge: str
    table: Table


@dataclass
class SitePage:
    file: str  # its file name, in its language's folder
    menu: str  # the PageInfo.name of its entry in the menu
    title: str  # the browser tab's title
    heading: str  # the page's h1
    template: str
    content: dict[str, Any] = field(default_factory=dict)
    charts: list[ChartBlock] = field(default_factory=list)
    csv_files: dict[str, pd.DataFrame] = field(default_factory=dict)  # other downloads: file name -> frame
    subnav: tuple[str, list[Link]] | None = None  # (its label, the pages of the same choice)


def status_anchor(status: str) -> str:
    """The plan page's section id for a status, as the app's anchors write it."""
    return status.replace(" ", "-")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def page_file(page: PageInfo, choice: str | None = None) -> str:
    """The file of `page` (of one of its choices: a period, a theme)."""
    if not page.url_path:
        return FRONT_PAGE
    return f"{page.url_path}-{_slug(choice)}.html" if choice else f"{page.url_path}.html"


@dataclass(frozen=True)
class Build:
    """What every page of one language is built from."""

    layer: DataLayer
    text: Text
    edition: date | None  # the as-of date when it is not the newest edition: download names say so

    def chart(self, view: ChartView, number: int) -> ChartBlock:
        names = {fmt: exports.export_filename(view.name, (), fmt, self.edition) for fmt in exports.IMAGE_FORMATS}
        names["csv"] = exports.export_filename(view.name, (), "csv", self.edition)
        return ChartBlock(f"chart-{number}", view, names, Table.of(view.screen_table))

    def page(self, info: PageInfo, template: str, choice: str | None = None, heading: str = "") -> SitePage:
        title = self.text.page_title(info.name)
        heading = heading or (self.text.site_title if not info.url_path else title)
        full_title = f"{heading} · {self.text.site_title}" if info.url_path else heading
        return SitePage(page_file(info, choice), info.name, full_title, heading, template)

    def status_sections(self, groups: list[StatusGroup]) -> list[StatusSection]:
        return [
            StatusSection(status_anchor(group.status), f"{group.badge} ({len(group.targets)})", Table.of(group.targets))
            for group in groups
        ]


def overview(build: Build, info: PageInfo) -> list[SitePage]:
    view = page_views.overview(build.layer, ())
    text = build.text
    page = build.page(info, "overview.html")
    newest = view.newest_source
    dated = text.dated.format(date=text.date(newest.date)) if newest.date else ""
    plan = page_file(PAGES_BY_NAME["plan_vs_outcome"])
    scorecard = [
        {
            "badge": page_views.status_badge(status).capitalize(),
            "count": count,
            "href": f"{plan}#{status_anchor(status)}" if count else "",
            "link": text.scorecard_link.format(count=count, status=status),
        }
        for status, count in view.status_counts.items()
    ]
    page.content = {
        "newest_source": text.newest_source.format(title=newest.title, outlet=newest.outlet, dated=dated),
        "scorecard": scorecard if view.coverage else [],
        "headlines": Table.of(view.headlines) if view.coverage else None,
    }
    if view.coverage:
        page.charts.append(build.chart(view.coverage, 1))
    return [page]


def plan_vs_outcome(build: Build, info: PageInfo) -> list[SitePage]:
    view = page_views.plan_vs_outcome(build.layer, (), ())
    page = build.page(info, "plan_vs_outcome.html")
    page.content = {
        "summary": [f"{group.badge}: {len(group.targets)}" for group in view.groups],
        "sections": build.status_sections(view.groups),
        "caveats": view.caveats,
    }
    if view.chart:
        page.charts.append(build.chart(view.chart, 1))
    return [page]


def growth_rates(build: Build, info: PageInfo) -> list[SitePage]:
    first = page_views.growth(build.layer, (), None)
    if not first.periods:
        page = build.page(info, "growth_rates.html")
        page.content = {"period": "", "notice": build.text.no_growth, "only_targets": False, "not_in_percent": []}
        return [page]
    pages = []
    for period in first.periods:
        view = first if period == first.periods[0] else page_views.growth(build.layer, (), period)
        label = view.period_labels[period]
        page = build.page(info, "growth_rates.html", period, heading=f"{build.text.page_title(info.name)}, {label}")
        page.content = {
            "notice": "" if view.chart else build.text.no_growth_in_period.format(period=label),
            "only_targets": view.only_targets,
            "not_in_percent": view.not_in_percent,
        }
        if view.chart:
            page.charts.append(build.chart(view.chart, 1))
        pages.append(page)
    links = [(page_file(info, period), first.period_labels[period]) for period in first.periods]
    _link_choices(pages, build.text.periods_nav, links)
    return pages


def what_changed(build: Build, info: PageInfo) -> list[SitePage]:
    view = page_views.what_changed(build.layer, (), None)
    if view.since is None:
        return []  # the first edition: nothing earlier to compare with, so no page
    text = build.text
    page = build.page(info, "what_changed.html")
    csv_name = exports.export_filename(f"changes since {view.since}", (), "csv", build.edition)
    page.content = {
        "compared": text.compared.format(since=text.date(view.since), as_of=text.date(view.as_of)),
        "sections": [(f"{change.capitalize()} ({len(rows)})", Table.of(rows) if len(rows) else None)
                     for change, rows in view.sections],
        "csv": csv_name,
    }  # fmt: skip
    page.csv_files[csv_name] = view.csv
    return [page]


def themes(build: Build, info: PageInfo) -> list[SitePage]:
    choices = page_views.theme_choices(build.layer, ())
    pages = []
    for theme, label in choices.items():
        view = page_views.theme_page(build.layer, theme)
        page = build.page(info, "theme.html", theme, heading=label)
        page.content = {
            "description": view.description,
            "sections": view.sections,
            "targets": build.status_sections(view.targets),
            "chart_headings": [heading for heading, _ in view.charts],
            "tables": [(heading, Table.of(figures)) for heading, figures in view.tables],
        }
        page.charts += [build.chart(chart, number) for number, (_, chart) in enumerate(view.charts, start=1)]
        pages.append(page)
    _link_choices(pages, build.text.themes_nav, [(page_file(info, theme), label) for theme, label in choices.items()])
    return pages


def data_and_sources(build: Build, info: PageInfo) -> list[SitePage]:
    found = page_views.observation_table(build.layer, (), (), (), "")
    page = build.page(info, "data_and_sources.html")
    # The app names this file without the edition; the snapshot keeps the app's names.
    csv_name = exports.export_filename("observations", (), "csv")
    page.content = {
        "count": build.text.observations_count.format(count=len(found.table)),
        "observations": Table.of(found.table),
        "csv": csv_name,
        "sources": page_views.sources(build.layer),
        "method_notes": page_views.method_notes(),
    }
    page.csv_files[csv_name] = found.csv
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
    "growth_rates": growth_rates,
    "what_changed": what_changed,
    "themes": themes,
    "data_and_sources": data_and_sources,
}


def site_pages(layer: DataLayer, text: Text, edition: date | None) -> Iterator[SitePage]:
    """Every page of the site in one language, in menu order, each as soon as it is built (so its
    images can be rendered while the next is)."""
    missing = [page.name for page in PAGES if page.name not in BUILDERS]
    if missing:
        raise LookupError(f"The snapshot has no builder for the page(s) {', '.join(missing)} (snapshot/pages.py)")
    build = Build(layer, text, edition)
    for info in PAGES:
        yield from BUILDERS[info.name](build, info)


def menu(pages: list[SitePage], text: Text, current: SitePage) -> list[Link]:
    """The site's menu: each app page that has a snapshot page, linking to its first one."""
    first: dict[str, str] = {}
    for page in pages:
        first.setdefault(page.menu, page.file)
    return [Link(text.page_title(info.name), first[info.name], info.name == current.menu)
            for info in PAGES if info.name in first]  # fmt: skip
