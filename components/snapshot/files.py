"""The files beside the pages: each chart's PNG, SVG and PDF (rendered by exports, as the app's
downloads are) and CSV, the pages' other CSV downloads, and the assets every page shares: the
Vega-Embed bundle from vl-convert (no CDN, no network), the script and the style sheet. Images
and the bundle are made by worker processes (images.py) while the build goes on."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

from components import exports

from . import images
from .pages import SitePage

ASSETS = "assets"
VEGA_BUNDLE = "vega.js"  # Vega, Vega-Lite and Vega-Embed; as a plain <script src> it sets window.vegaEmbed
STATIC = Path(__file__).resolve().with_name("static")  # site.js and site.css, copied as they are
_BUNDLE: dict[str, str] = {}  # made on a process's first build, kept for the next


class Files:
    """Writes the files of one build; each image by a worker when there are workers."""

    def __init__(self, workers: images.Workers | None) -> None:
        self.workers = workers
        self.pending: list[Future[None]] = []

    def add_downloads(self, folder: Path, page: SitePage) -> None:
        """Every chart's files and every other CSV of `page`, beside it in `folder`."""
        for block in page.charts:
            spec_json = json.dumps(exports.with_footer(block.view.spec, block.view.credit))
            for fmt in exports.IMAGE_FORMATS:
                self._make(images.job_image(spec_json, fmt, (folder / block.files[fmt]).resolve()))
            (folder / block.files["csv"]).write_bytes(exports.frame_csv(block.view.table))
        for name, frame in page.csv_files.items():
            (folder / name).write_bytes(exports.frame_csv(frame))

    def add_assets(self, root: Path) -> None:
        """The shared assets, under `root`: call it first, so the bundle is made while the pages are built."""
        assets = root / ASSETS
        assets.mkdir(parents=True, exist_ok=True)
        for path in sorted(STATIC.iterdir()):
            shutil.copyfile(path, assets / path.name)
        bundle = assets / VEGA_BUNDLE
        if "js" in _BUNDLE:
            bundle.write_text(_BUNDLE["js"], encoding="utf-8")
        else:
            self._make(images.job_bundle(bundle.resolve()))

    def _make(self, job: dict[str, str]) -> None:
        if self.workers is None:
            images.do(job)
        else:
            self.pending.append(self.workers.submit(job))

    def finish(self, root: Path) -> None:
        """Wait for every file still being made (raising the first failure)."""
        for made in self.pending:
            made.result()
        _BUNDLE.setdefault("js", (root / ASSETS / VEGA_BUNDLE).read_text(encoding="utf-8"))


@contextlib.contextmanager
def writer() -> Iterator[Files]:
    """A Files for one build; on an error, the build's files not yet begun are dropped."""
    files = Files(images.workers())
    try:
        yield files
    except BaseException:
        for made in files.pending:
            made.cancel()
        raise
