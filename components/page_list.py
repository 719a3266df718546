"""The monitor's pages, in menu order: the one list the frame, the tests, the screenshots and the
benchmark read. Adding a page means a view module in components/views/, a file in app_pages/, a snapshot template, and
one entry here."""

from __future__ import annotations

from dataclasses import dataclass

from components.i18n import N_


@dataclass(frozen=True)
class PageInfo:
    name: str  # the page's file in app_pages/, also its id in tests, screenshots and benchmark rows
    title: str  # the page's title and menu entry, in English (translate it where shown)
    icon: str
    url_path: str  # "" for the default page, served at "/"

    @property
    def script(self) -> str:
        """The page's file, relative to the repository."""
        return f"app_pages/{self.name}.py"

    @property
    def path(self) -> str:
        """The page's path on the server, as a visitor's link writes it."""
        return f"/{self.url_path}"


PAGES = (
    PageInfo("overview", N_("Overview"), ":material/dashboard:", ""),
    PageInfo("plan_vs_outcome", N_("Plan vs outcome"), ":material/flag:", "plan-vs-outcome"),
    PageInfo("growth_rates", N_("Growth rates"), ":material/trending_up:", "growth-rates"),
    PageInfo("what_changed", N_("What changed"), ":material/history:", "what-changed"),
    PageInfo("themes", N_("Themes"), ":material/category:", "themes"),
    PageInfo("indicator", N_("Indicator"), ":material/timeline:", "indicator"),
    PageInfo("data_and_sources", N_("Data and sources"), ":material/table:", "data"),
)
PAGE_BY_NAME = {page.name: page for page in PAGES}
