"""What the page benchmark loads: the two floors and every page in components/page_list.PAGES,
each with the server that serves it."""

from __future__ import annotations

from dataclasses import dataclass

from bench.servers import BARE, FLOORS, FRAME, Server
from components.page_list import PAGES


@dataclass(frozen=True)
class Target:
    """One page: its row name, which server serves it, its URL path and its script for AppTest."""

    name: str  # PageInfo.name for the app's pages
    server: Server
    path: str
    page_file: str | None  # for AppTest's switch_page; None when the server's main script shows it on entry

    @property
    def is_floor(self) -> bool:
        return self.server in FLOORS


BARE_PAGE = Target(BARE, BARE, "/", None)
BARE_FRAME = Target(FRAME, FRAME, "/", None)


def app_targets(server: Server) -> list[Target]:
    """The app's pages, in menu order, as `server` serves them."""
    return [Target(page.name, server, page.path, page.script if page.url_path else None) for page in PAGES]
