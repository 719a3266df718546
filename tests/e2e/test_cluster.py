"""The app served by scripts/run_cluster.sh (two Streamlit replicas behind HAProxy), checked in headless
Chromium: new visitors are spread over both replicas and each stays on one, every page and a download
work through the proxy, and a visitor whose replica stops finds their page again on the other.

The cluster is started once for the module; the last test stops one of its replicas."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from components.page_list import PAGE_BY_NAME, PAGES
from tests.e2e.app_server import CHROMIUM, REPO, consecutive_free_ports, free_port, wait_until_healthy
from tests.e2e.conftest import ARTIFACTS, FIXTURE_ENV, AppPage, BrowserLog, fail_on_problems, open_tab

if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium)", allow_module_level=True)
if shutil.which("haproxy") is None:
    pytest.skip("HAProxy not installed; scripts/setup.sh haproxy installs it", allow_module_level=True)

pytestmark = pytest.mark.e2e

REPLICAS = ("r1", "r2")  # the cookie values run_cluster.sh gives its replicas
VISITORS = 4
STOP_TIMEOUT_S = 30


@dataclass(frozen=True)
class Cluster:
    url: str  # the proxy's
    replica_pids: dict[str, int]  # by cookie value
    haproxy_pid: int


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """run_cluster.sh with two replicas on free ports, serving the fixture data; SIGTERM at the end,
    after which the script and every process it started must be gone."""
    state = tmp_path_factory.mktemp("cluster")
    port = free_port()
    env = {
        **os.environ,
        **FIXTURE_ENV,
        "REPLICAS": str(len(REPLICAS)),
        "PORT": str(port),
        "REPLICA_PORT": str(consecutive_free_ports(len(REPLICAS))),
        "CLUSTER_STATE_DIR": str(state),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / "e2e-cluster.log", "w") as log:
        script = subprocess.Popen(
            ["bash", "scripts/run_cluster.sh"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, script, timeout=120)  # HAProxy starts once every replica answers
            pids = {name: int((state / f"{name}.pid").read_text()) for name in (*REPLICAS, "haproxy")}
            started = Cluster(url, {name: pids[name] for name in REPLICAS}, pids["haproxy"])
            yield started
            script.send_signal(signal.SIGTERM)
            assert script.wait(timeout=STOP_TIMEOUT_S) == 128 + signal.SIGTERM
            left = [pid for pid in pids.values() if is_running(pid)]
            assert not left, f"still running after the script stopped: {left}"
        finally:
            with contextlib.suppress(ProcessLookupError):  # whatever a failure above left behind
                os.killpg(script.pid, signal.SIGKILL)
            script.wait()


def replica_of(app: AppPage) -> str | None:
    """The replica the proxy keeps this visitor on: its SERVERID cookie."""
    return next((c["value"] for c in app.page.context.cookies() if c["name"] == "SERVERID"), None)


def assert_shows(app: AppPage, path: str, title: str) -> None:
    """The page at `path` has drawn its heading, is the one the menu marks, and shows no error."""
    assert app.path == path
    assert app.page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    current = app.page.locator('[data-testid="stSidebarNavLink"][aria-current="page"]')
    assert current.filter(has=app.page.get_by_text(title, exact=True)).count() == 1, current.all_inner_texts()
    assert app.on_page_problems() == []


def test_visitors_are_spread_over_both_replicas_and_stay(browser: Browser, cluster: Cluster) -> None:
    replicas = []
    for _ in range(VISITORS):
        with open_tab(browser, cluster.url) as app:
            app.open("/")
            assert_shows(app, "/", PAGE_BY_NAME["overview"].title)
            first = replica_of(app)
            app.reload()
            assert replica_of(app) == first, "a visitor moved to another replica on reload"
            fail_on_problems(app.log)
            replicas.append(first)

    assert None not in replicas, f"a visitor got no SERVERID cookie: {replicas}"
    assert set(replicas) == set(REPLICAS), f"the visitors were not spread over every replica: {replicas}"


def test_every_page_and_a_download_work_through_the_proxy(browser: Browser, cluster: Cluster) -> None:
    with open_tab(browser, cluster.url) as app:
        for page in PAGES:
            app.open(page.path)
            assert_shows(app, page.path, page.title)

        # The file is made by the visitor's replica and kept in its memory, so the download's own
        # request must reach that same replica.
        app.open(PAGE_BY_NAME["growth_rates"].path)
        assert_shows(app, PAGE_BY_NAME["growth_rates"].path, PAGE_BY_NAME["growth_rates"].title)
        app.open_chart_downloads()
        # Streamlit keeps hidden copies of some buttons; only the popover's visible one is clicked.
        csv_button = app.page.locator('[data-testid="stPopoverBody"] [data-testid="stDownloadButton"] button:visible')
        csv_button = csv_button.filter(has=app.page.get_by_text("CSV", exact=True))
        with app.page.expect_download() as info:
            csv_button.click()
        download = info.value
        rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))

        assert download.suggested_filename.endswith(".csv") and "growth-rates" in download.suggested_filename
        assert rows, "the CSV has no rows"
        fail_on_problems(app.log)


# Last: it stops a replica for good.
def test_a_visitor_whose_replica_stops_gets_their_page_from_the_other(browser: Browser, cluster: Cluster) -> None:
    page = PAGE_BY_NAME["plan_vs_outcome"]
    link = f"{page.path}?theme=Energy"
    with open_tab(browser, cluster.url) as app:
        app.open(link)
        assert_shows(app, page.path, page.title)
        seen = app.view()
        stopped = replica_of(app)
        assert stopped in cluster.replica_pids, f"no replica cookie: {stopped}"
        assert all(map(is_running, cluster.replica_pids.values())), "a replica stopped before this test"

        os.kill(cluster.replica_pids[stopped], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while is_running(cluster.replica_pids[stopped]) and time.monotonic() < deadline:
            time.sleep(0.1)
        # While its replica is gone the open tab's socket fails and retries: only what the
        # visitor meets from the reload on counts.
        app.log = BrowserLog()
        app.reload()

        assert replica_of(app) not in (None, stopped), "the visitor was not moved to another replica"
        assert app.page.url == cluster.url + link
        assert_shows(app, page.path, page.title)
        assert app.view() == seen, "the link did not bring back the same page"
        fail_on_problems(app.log)

    with open_tab(browser, cluster.url) as newcomer:
        newcomer.open("/")
        assert replica_of(newcomer) not in (None, stopped), "a new visitor was sent to the stopped replica"
        fail_on_problems(newcomer.log)
