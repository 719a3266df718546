"""The monitor as a static site that any file host can serve: the app's page views as HTML pages,
each chart drawn by Vega-Embed from the app's own spec, with its PNG, SVG, PDF and CSV beside it.

    python -m components.snapshot OUT [--as-of DATE] [--lang en] [--data PATH]

The interactive app stays the place to explore; the snapshot is how the monitor is published.
Modules: pages.py (the finished views -> each page), text.py (the site's own words, by language),
render.py (Jinja2 templates, autoescaped), files.py (chart files and shared assets), images.py
(the worker processes that render the images)."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from components.data_layer import DEFAULT_PATH, DataLayer, edition, read_data_layer
from components.i18n import DEFAULT_LANGUAGE
from components.views.common import Choice

from . import files
from .pages import SitePage, site_pages
from .render import Frame, render_page
from .text import LANGUAGE_TEXTS, Text

__all__ = ["MANIFEST", "Site", "SnapshotError", "build_site"]

MANIFEST = "snapshot.json"  # what a build wrote; its presence also marks a folder a rebuild may replace


class SnapshotError(Exception):
    """The snapshot cannot be built as asked (a language not there yet, a folder that is not a snapshot)."""


@dataclass(frozen=True)
class Site:
    root: Path
    pages: list[str]  # every HTML page, relative to root, the front page first
    files: int
    size: int  # bytes
    seconds: float  # how long the build took
    as_of: date
    built_on: date
    languages: tuple[str, ...]  # the first at the root, the others in folders of their code


def build_site(
    out: str | Path,
    *,
    data: str | Path = DEFAULT_PATH,
    as_of: date | None = None,
    languages: Sequence[str] = (DEFAULT_LANGUAGE,),
    built_on: date | None = None,
) -> Site:
    """Build the monitor as known on `as_of` (any day from the first edition on; None: the newest) into `out`, which
    is replaced whole: it must be missing, empty, or a snapshot built before. Raises DataLayerError
    when the data has problems and SnapshotError when the build cannot be done as asked."""
    started = time.perf_counter()
    out = Path(out)
    codes = _languages(languages)
    _check_replaceable(out)
    read = read_data_layer(data)
    layer = edition(read, as_of)
    first = layer.editions["date"].min().date()
    if layer.as_of < first:
        # The page views need at least one source; and a site of nothing would publish nothing.
        raise SnapshotError(
            f"nothing was public on {layer.as_of}: the first edition is {first}; pick that day or later."
        )
    built_on = built_on or date.today()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    try:
        folders = {code: "" if index == 0 else f"{code}/" for index, code in enumerate(codes)}
        written = []
        to_render: list[tuple[Path, SitePage, Frame]] = []
        with files.writer() as writer:
            writer.add_assets(staging)
            for code in codes:
                in_language = layer if code == layer.lang else edition(read, layer.as_of, code)
                pages = _build_language(staging, in_language, LANGUAGE_TEXTS[code], folders, built_on, writer)
                to_render += pages
                written += [folders[code] + page.file for _folder, page, _frame in pages]
            writer.finish(staging)
        # The pages last: each draws its charts inline from their SVG files, which the workers have now written.
        for folder, page, frame in to_render:
            (folder / page.file).write_text(render_page(page, frame, folder), encoding="utf-8")
        manifest = {
            "generator": "python -m components.snapshot",
            "as_of": layer.as_of.isoformat(),
            "built_on": built_on.isoformat(),
            "languages": list(codes),
            "pages": written,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _replace(out, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    every_file = [path for path in out.rglob("*") if path.is_file()]
    return Site(
        root=out, pages=written, files=len(every_file), size=sum(path.stat().st_size for path in every_file),
        seconds=time.perf_counter() - started, as_of=layer.as_of, built_on=built_on, languages=codes,
    )  # fmt: skip


def _languages(languages: Sequence[str]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(languages))
    missing = [code for code in codes if code not in LANGUAGE_TEXTS]
    if missing:
        raise SnapshotError(
            f"The interface is not available in {', '.join(missing)} yet; available: {', '.join(LANGUAGE_TEXTS)}."
        )
    if not codes:
        raise SnapshotError("No language asked for.")
    # The default language goes to the root when it is built; the others go to folders of their code.
    return tuple(sorted(codes, key=lambda code: code != DEFAULT_LANGUAGE))


def _check_replaceable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SnapshotError(f"{out} is a file, not a folder.")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise SnapshotError(f"{out} is not empty and holds no snapshot ({MANIFEST}); pick a new or empty folder.")


def _replace(out: Path, staging: Path) -> None:
    """Put the new site in place of the old in two renames, so a server never shows half a site."""
    if not out.exists():
        staging.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    out.rename(old / out.name)
    staging.rename(out)
    shutil.rmtree(old)


def _build_language(
    root: Path, layer: DataLayer, text: Text, folders: dict[str, str], built_on: date, writer: files.Files
) -> list[tuple[Path, SitePage, Frame]]:
    """Build one language's pages and start their files; return each page with its folder and frame,
    the front page first, for rendering once the files are written."""
    folder = root / folders[text.language]
    folder.mkdir(parents=True, exist_ok=True)
    newest = layer.editions["date"].max().date()
    choice = Choice(layer.as_of, layer.as_of >= newest, text.language)
    pages = []
    for page in site_pages(layer, choice, text):
        writer.add_downloads(folder, page)
        pages.append(page)
    frame = Frame(
        text=text,
        root="../" * folders[text.language].count("/"),
        built=text.built_on.format(date=text.date(built_on)),
        pages=pages,
        languages=folders,
    )
    return [(folder, page, frame) for page in pages]
