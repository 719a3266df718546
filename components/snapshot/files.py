"""The files beside the pages: each chart's PNG, SVG and PDF (rendered by exports, as the app's
downloads are) and CSV, the pages' other CSV downloads, and the assets every page shares: the
Vega-Embed bundle from vl-convert (no CDN, no network), the script and the style sheet.

vl-convert holds the GIL while it renders, so images are rendered in worker processes, which
start while the main process is still building the pages."""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import vl_convert as vlc

from components import exports

from .pages import SitePage

ASSETS = "assets"
VEGA_BUNDLE = "vega.js"  # Vega, Vega-Lite and Vega-Embed; as a plain <script src> it sets window.vegaEmbed
STATIC = Path(__file__).resolve().with_name("static")  # site.js and site.css, copied as they are
MAX_WORKERS = 4


class Files:
    """Writes the files of a build, each image and the bundle rendered by a worker (when there is
    more than one CPU) and written once all are done."""

    def __init__(self, executor: Executor | None) -> None:
        self.executor = executor
        self.pending: list[tuple[Path, Future[bytes]]] = []
        # Made by a worker on a process's first build, kept here for the next.
        made = _BUNDLE.get("js")
        self.bundle: Future[str] | str = made or (executor.submit(vega_bundle) if executor else vega_bundle())

    def add_downloads(self, folder: Path, page: SitePage) -> None:
        """Every chart's files and every other CSV of `page`, beside it in `folder`."""
        for block in page.charts:
            spec_json = json.dumps(block.view.spec)
            for fmt in exports.IMAGE_FORMATS:
                self._add(folder / block.files[fmt], spec_json, fmt)
            (folder / block.files["csv"]).write_bytes(exports.frame_csv(block.view.table))
        for name, frame in page.csv_files.items():
            (folder / name).write_bytes(exports.frame_csv(frame))

    def _add(self, path: Path, spec_json: str, fmt: str) -> None:
        if self.executor is None:
            path.write_bytes(render_image(spec_json, fmt))
        else:
            self.pending.append((path, self.executor.submit(render_image, spec_json, fmt)))

    def finish(self, root: Path) -> None:
        """Write the shared assets under `root` and every image still being rendered."""
        assets = root / ASSETS
        assets.mkdir(parents=True, exist_ok=True)
        bundle = _BUNDLE["js"] = self.bundle if isinstance(self.bundle, str) else self.bundle.result()
        (assets / VEGA_BUNDLE).write_text(bundle, encoding="utf-8")
        for path in sorted(STATIC.iterdir()):
            shutil.copyfile(path, assets / path.name)
        for path, image in self.pending:
            path.write_bytes(image.result())


@contextlib.contextmanager
def writer() -> Iterator[Files]:
    """A Files for one build; on an error, the build's images not yet rendered are dropped."""
    files = Files(_workers())
    try:
        yield files
    except BaseException as error:
        for _, image in files.pending:
            image.cancel()
        if isinstance(error, BrokenProcessPool):  # a worker died: the next build starts new ones
            _workers.cache_clear()
        raise


@functools.cache
def _workers() -> Executor | None:
    """The worker processes, started on a process's first build and kept for the next (their
    start-up, about a second each, would otherwise fall on every build); they end with the process."""
    workers = min(MAX_WORKERS, len(os.sched_getaffinity(0)))
    if workers < 2:
        return None
    # Spawned, not forked: a fork would copy vl-convert's renderer threads mid-flight if this
    # process had already rendered something (as the app's tests have).
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))


def render_image(spec_json: str, fmt: str) -> bytes:
    return exports.chart_image(json.loads(spec_json), fmt)


_BUNDLE: dict[str, str] = {}


def vega_bundle() -> str:
    """vl-convert's own build of Vega-Embed, Vega-Lite and Vega, the versions it renders the images
    with (about 2 s to make, so made once per process)."""
    # The stub makes `snippet` required; at run time it is optional, and without it the bundle sets
    # window.vegaEmbed, window.vegaLite and window.vega.
    return vlc.javascript_bundle()  # type: ignore[call-arg]
