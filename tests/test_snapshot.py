"""The static snapshot as a reader and a file host meet it: every page there, each saying which
edition it shows and when it was built, links that resolve from any folder, the scorecard leading
to its sections, real tables, every observation listed, each chart with its text alternative, table
and four files, and text from the data shown as text. Built from the fixtures; what each page
should hold is read from the page views, not hard-coded.

The browser's view (charts drawn from file://, downloads opened, axe-core) is in
tests/e2e/test_snapshot_browser.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from components import exports
from components.data_layer import STATUSES, DataLayer, load_data_layer
from components.page_list import PAGE_BY_NAME
from components.snapshot import MANIFEST, Site, SnapshotError, build_site
from components.snapshot.__main__ import main
from components.snapshot.pages import page_file
from components.views import overview as overview_view
from components.views.common import status_anchor
from components.views.data_and_sources import OBSERVATION_HEADERS
from components.views.growth_rates import growth, growth_over_time
from components.views.indicator import indicator_choice
from components.views.what_changed import what_changed
from tests.conftest import REPO, choice_for

NEXT = REPO / "tests" / "fixtures" / "next_edition"
BUILT_ON = date(2026, 2, 1)
FIRST_EDITION = date(2023, 4, 20)  # the undated brief's: few figures, so a quick build
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --- reading the pages ---------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    ancestors: tuple[Element, ...]
    parts: list[str] = field(default_factory=list)

    def within(self, tag: str, **attrs: str) -> bool:
        return any(a.tag == tag and all(a.attrs.get(k) == v for k, v in attrs.items()) for a in self.ancestors)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class Document(HTMLParser):
    """A page as its elements, each with its attributes and the text inside it (entities decoded)."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, tuple(self._open))
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def by_id(self, id_: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == id_), None)

    @property
    def text(self) -> str:
        return self.all("body")[0].text

    def rows(self, table_id: str) -> list[list[str]]:
        """The body rows of a table, as cell texts."""
        table = self.by_id(table_id)
        assert table is not None
        rows: dict[int, list[str]] = {}
        for cell in self.all("td"):
            if any(ancestor is table for ancestor in cell.ancestors):
                rows.setdefault(id(cell.ancestors[-1]), []).append(cell.text)
        return list(rows.values())


def pages_of(site: Site) -> dict[str, Document]:
    return {page: Document(site.root / page) for page in site.pages}


@pytest.fixture(scope="module")
def layer() -> DataLayer:
    return load_data_layer(NEXT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("snapshot") / "site", data=NEXT, built_on=BUILT_ON)


@pytest.fixture(scope="module")
def documents(site: Site) -> dict[str, Document]:
    return pages_of(site)


# --- the site --------------------------------------------------------------------------------------


def test_the_site_has_a_page_for_each_app_page_period_and_theme(site, layer):
    choice = choice_for(layer)
    periods = growth(layer, choice).periods
    over_time = ["over time"] if growth_over_time(layer, choice) else []  # the growth indicators over the years
    themes = list(layer.themes["id"])
    indicators = list(indicator_choice(layer, choice).indicators)
    expected = [
        "index.html",
        "plan-vs-outcome.html",
        *[page_file(PAGE_BY_NAME["growth_rates"], period) for period in [*periods, *over_time]],
        "what-changed.html",
        *[page_file(PAGE_BY_NAME["themes"], theme) for theme in themes],
        *[page_file(PAGE_BY_NAME["indicator"], indicator) for indicator in indicators],
        "data.html",
    ]
    assert over_time and indicators
    assert site.pages == expected
    assert sorted(path.name for path in site.root.glob("*.html")) == sorted(expected)
    assert json.loads((site.root / MANIFEST).read_text())["pages"] == expected


def test_every_page_states_its_edition_and_the_build_date(documents):
    for name, document in documents.items():
        assert "As known on 20 January 2026 (the newest edition)." in document.text, name
        assert "Built on 1 February 2026." in document.text, name


def test_every_link_and_asset_is_relative_and_resolves(site, documents, layer):
    """So the site works from file:// and from any sub-path of a web server. The one kind of link
    that leaves the site is a source's address: where the cited document can be read."""
    cited = set(layer.sources["address"])
    for name, document in documents.items():
        addresses = [e.attrs["href"] for e in document.elements if "href" in e.attrs and e.tag != "a"]
        addresses += [e.attrs["href"] for e in document.all("a") if "href" in e.attrs and e.attrs["href"] not in cited]
        addresses += [e.attrs["src"] for e in document.elements if "src" in e.attrs]
        for address in addresses:
            parts = urlsplit(address)
            assert not parts.scheme and not parts.netloc and not address.startswith("/"), f"{name}: {address}"
            target = (site.root / name).parent / parts.path if parts.path else site.root / name
            assert target.is_file(), f"{name} links to {address}, which is not there"
            if parts.fragment:
                assert Document(target).by_id(parts.fragment), f"{name} links to {address}: no such section"


def test_the_menu_leads_to_every_kind_of_page_and_marks_the_current_one(documents):
    for name, document in documents.items():
        menu = [e for e in document.all("a") if e.within("nav", **{"aria-label": "Pages"})]
        assert [link.text for link in menu] == [page.title for page in PAGE_BY_NAME.values()], name
        current = [link.attrs["href"] for link in menu if link.attrs.get("aria-current") == "page"]
        kind = next(link.text for link in menu if link.attrs.get("aria-current") == "page")
        assert len(current) == 1 and (current[0] == name or kind in ("Growth rates", "Themes", "Indicator")), name


def test_scorecard_counts_link_to_their_sections_of_the_plan_page(documents, layer):
    counts = {card.status: card.count for card in overview_view.overview(layer, choice_for(layer)).scorecard}
    plan = documents["plan-vs-outcome.html"]
    links = {e.attrs["href"]: e for e in documents["index.html"].all("a", **{"class": "count"})}
    for status in STATUSES:
        href = f"plan-vs-outcome.html#{status_anchor(status)}"
        if counts[status]:
            assert links[href].text == str(counts[status])
            heading = plan.by_id(status_anchor(status))
            assert heading is not None and heading.tag == "h2"
            assert heading.text.endswith(f"({counts[status]})")
        else:
            assert href not in links, f"an empty status ({status}) should have no link"


def test_the_data_page_lists_every_observation_in_a_table_with_headers(documents, layer):
    data = documents["data.html"]
    headers = [th.text for th in data.all("th")[: len(OBSERVATION_HEADERS)]]
    assert headers == list(OBSERVATION_HEADERS.values())
    rows = data.rows("observations")
    assert len(rows) == len(layer.observations)
    assert sorted(row[0] for row in rows) == sorted(layer.observations["indicator"])
    assert data.all("input", type="search"), "a filter box for the table"


def test_every_table_has_a_header_row_of_column_headers(documents):
    for name, document in documents.items():
        for table in document.all("table"):
            start = document.elements.index(table)
            following = document.elements[start + 1 :]
            end = next((i for i, e in enumerate(following) if e.tag == "table"), len(following))
            cells = following[:end]
            assert cells[0].tag == "thead", name
            headers = [e for e in cells if e.tag == "th"]
            assert headers and all(e.attrs.get("scope") == "col" for e in headers), name


def test_each_chart_has_the_apps_spec_text_alternative_data_table_and_four_files(site, documents, layer):
    coverage = overview_view.overview(layer, choice_for(layer)).coverage
    assert coverage is not None
    overview = documents["index.html"]
    drawing = overview.all("div", **{"class": "chart-drawing"})[0]
    assert drawing.attrs["role"] == "img" and drawing.attrs["aria-label"] == coverage.description
    spec = overview.by_id(drawing.attrs["data-chart-spec"])
    assert spec is not None and json.loads("".join(spec.parts)) == coverage.spec
    names = [exports.export_filename("Figures by theme", (), ext) for ext in ("png", "svg", "pdf", "csv")]
    assert [e.attrs["href"] for e in overview.all("a") if "download" in e.attrs] == names
    assert (site.root / names[3]).read_bytes() == exports.frame_csv(coverage.table)
    table_headers = [th.text for th in overview.all("th")][-len(coverage.screen_table.columns) :]
    assert table_headers == list(coverage.screen_table.columns)

    for name, document in documents.items():
        for drawing in document.all("div", **{"class": "chart-drawing"}):
            assert drawing.attrs["aria-label"], f"{name}: a chart without its text alternative"
        downloads = [e.attrs["href"] for e in document.all("a") if "download" in e.attrs]
        charts = len(document.all("div", **{"class": "chart-drawing"}))
        assert len([d for d in downloads if d.endswith(".png")]) == charts, name
        assert all((site.root / download).is_file() for download in downloads), name


def test_the_vega_bundle_is_one_shared_file_and_nothing_comes_from_the_network(site, documents, layer):
    bundles = list(site.root.rglob("vega.js"))
    assert bundles == [site.root / "assets" / "vega.js"]
    assert "window.vegaEmbed=" in bundles[0].read_text(encoding="utf-8")
    for name, document in documents.items():
        scripts = [e.attrs.get("src") for e in document.all("script") if e.attrs.get("type") != "application/json"]
        charted = bool(document.all("div", **{"class": "chart-drawing"}))
        assert scripts == (["assets/vega.js"] if charted else []) + ["assets/site.js"], name
    # Addresses that fetch nothing: a spec's $schema names its Vega-Lite version, an inline SVG's
    # namespaces name its vocabulary, and a source's address is a link the reader may follow.
    named = ['"https://vega.github.io/schema/', '"http://www.w3.org/2000/svg"', '"http://www.w3.org/1999/xlink"']
    named += [address for address in layer.sources["address"] if address]
    for path in [*site.root.rglob("*.html"), *site.root.rglob("*.css"), site.root / "assets" / "site.js"]:
        source = path.read_text(encoding="utf-8")
        for address in named:
            source = source.replace(address, "")
        assert "http://" not in source and "https://" not in source, path


def test_what_changed_compares_with_the_previous_edition(documents, layer):
    view = what_changed(layer, choice_for(layer))
    page = documents["what-changed.html"]
    assert f"From the monitor as known on {view.since:%-d %B %Y}" in page.text
    headings = [h.text for h in page.all("h2")]
    # Each kind of change and its count, as the view words it: "Status moved (2)".
    assert headings == [section.heading for section in view.sections]
    assert headings == ["Target set (0)", "Outcome reported (2)", "Figure restated (1)", "Status moved (2)"]


# --- editions ------------------------------------------------------------------------------------


def test_an_earlier_edition_says_so_and_in_its_file_names(tmp_path):
    site = build_site(tmp_path / "site", data=NEXT, as_of=date(2025, 1, 15), built_on=BUILT_ON)
    overview = Document(site.root / "index.html")
    assert "As known on 15 January 2025 (newest edition: 20 January 2026)." in overview.text
    downloads = [e.attrs["href"] for e in overview.all("a") if "download" in e.attrs]
    assert downloads and all("_as-of-2025-01-15." in name for name in downloads)
    changed = Document(site.root / "what-changed.html")
    assert "From the monitor as known on 20 January 2024 to the monitor as known on 15 January 2025." in changed.text


@pytest.fixture(scope="module")
def first_edition(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("first") / "site", data=NEXT, as_of=FIRST_EDITION, built_on=BUILT_ON)


def test_the_first_edition_has_no_what_changed_page(first_edition):
    assert "what-changed.html" not in first_edition.pages, "nothing earlier to compare with"
    overview = Document(first_edition.root / "index.html")
    assert "As known on 20 April 2023 (newest edition: 20 January 2026)." in overview.text
    assert [e.text for e in overview.all("a") if e.text == "What changed"] == []


def test_a_date_before_the_first_edition_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(SnapshotError, match="first edition is 2023-04-20"):
        build_site(tmp_path / "site", data=NEXT, as_of=date(2000, 1, 1))
    assert list(tmp_path.iterdir()) == []


def test_the_command_replaces_an_old_site_and_says_where_the_new_one_is(first_edition, tmp_path, capsys):
    out = tmp_path / "site"
    shutil.copytree(first_edition.root, out)
    (out / "stale.html").write_text("from an older build")
    assert main([str(out), "--data", str(NEXT), "--as-of", FIRST_EDITION.isoformat()]) == 0
    assert f"python -m http.server -d {out}" in capsys.readouterr().out
    assert (out / "index.html").is_file() and not (out / "stale.html").exists()
    assert [path.name for path in tmp_path.iterdir()] == ["site"], "no staging folder left behind"


def test_a_folder_that_is_not_a_snapshot_is_left_alone(tmp_path):
    other = tmp_path / "documents"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(SnapshotError, match="not empty"):
        build_site(other, data=NEXT)
    assert [path.name for path in other.iterdir()] == ["notes.txt"]


def test_other_languages_go_in_their_folders_and_link_both_ways(tmp_path):
    site = build_site(tmp_path / "site", data=NEXT, as_of=FIRST_EDITION, languages=("zh", "en"))
    assert site.languages == ("en", "zh")
    assert "index.html" in site.pages and "zh/index.html" in site.pages
    root, chinese = Document(site.root / "index.html"), Document(site.root / "zh" / "index.html")
    assert [(e.attrs["hreflang"], e.attrs["href"]) for e in root.all("a") if "hreflang" in e.attrs] == [
        ("en", "index.html"), ("zh", "zh/index.html"),
    ]  # fmt: skip
    assert [(e.attrs["hreflang"], e.attrs["href"]) for e in chinese.all("a") if "hreflang" in e.attrs] == [
        ("en", "../index.html"), ("zh", "index.html"),
    ]  # fmt: skip
    assert chinese.all("html")[0].attrs["lang"] == "zh"
    assert chinese.all("link", rel="stylesheet")[0].attrs["href"] == "../assets/site.css"
    assert list(site.root.rglob("site.css")) == [site.root / "assets" / "site.css"]


# --- the command -----------------------------------------------------------------------------------


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "components.snapshot", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def test_the_command_with_a_malformed_date_says_so_in_one_line_and_exits_2(tmp_path):
    result = run_command(str(tmp_path / "site"), "--as-of", "2025-13-01", "--data", str(NEXT))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "YYYY-MM-DD" in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_chinese_site_is_in_chinese_with_the_data_in_chinese(tmp_path):
    assert main([str(tmp_path / "site"), "--lang", "zh", "--data", str(NEXT)]) == 0
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<h1>山西转型发展监测</h1>" in front and 'lang="zh"' in front
    assert "Target scorecard" not in front and "目标完成情况一览" in front
    plan = (tmp_path / "site" / "plan-vs-outcome.html").read_text(encoding="utf-8")
    assert "已完成" in plan and "超过46%" in plan  # statuses and hedged values the Chinese way
    names = [path.name for path in (tmp_path / "site").iterdir()]
    assert all(name.isascii() for name in names), "file names stay ASCII in every language"


def test_the_command_lists_the_data_problems_and_exits_1(tmp_path, data_copy, capsys):
    (data_copy / "units.yaml").unlink()
    assert main([str(tmp_path / "site"), "--data", str(data_copy)]) == 1
    assert "units.yaml" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


# --- text from the data stays text ------------------------------------------------------------------

LACE = " **bold** $x^2$ <script>alert(1)</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>"


def lace(path: Path, key: str, fields: tuple[str, ...]) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in document[key]:
        for name in fields:
            entry[name] = f"{entry.get(name) or name}{LACE}"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def laced_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    data = tmp_path_factory.mktemp("laced") / "data"
    shutil.copytree(REPO / "tests" / "fixtures" / "small", data)
    lace(data / "themes.yaml", "themes", ("description",))
    lace(data / "indicators.yaml", "indicators", ("name",))
    lace(data / "sources.yaml", "sources", ("title", "outlet", "summary"))
    for observations in (data / "observations").glob("*.yaml"):
        lace(observations, "observations", ("note",))
    return build_site(data.parent / "site", data=data, built_on=BUILT_ON)


def test_laced_text_is_shown_as_written_and_injects_no_markup(laced_site):
    for page in laced_site.pages:
        document = Document(laced_site.root / page)
        assert LACE.strip() in document.text, f"{page} does not show the laced text as written"
        scripts = document.all("script")
        assert all(e.attrs.get("src", "").startswith("assets/") or e.attrs.get("type") == "application/json"
                   for e in scripts), page  # fmt: skip
        for element in document.all("script", type="application/json"):
            json.loads("".join(element.parts))  # a data block that still parses: nothing broke out of it
        assert not document.all("img", src="x"), page
        assert not any(name.startswith("on") for e in document.elements for name in e.attrs), page
        assert not any(e.attrs.get("href", "").startswith("javascript:") for e in document.elements), page
        from_data = [e for e in document.elements if not e.within("div", **{"class": "method"})]  # the README's
        assert not any(e.tag in ("em", "b", "i", "code", "math") for e in from_data), page
        strong = [e.text for e in document.all("strong")]
        assert "bold" not in strong, page


def test_laced_text_in_a_data_block_cannot_close_its_script_element(laced_site):
    source = (laced_site.root / "index.html").read_text(encoding="utf-8")
    for block in source.split('<script type="application/json"')[1:]:
        body = block.split(">", 1)[1].split("</script>", 1)[0]
        assert "<" not in body, "a '<' in a data block could end it early"


# --- the image workers ---------------------------------------------------------------------------


def test_an_image_worker_reports_a_failed_job_and_goes_on_with_the_next(tmp_path):
    from components.snapshot import images

    workers = images.Workers(1)
    try:
        with pytest.raises(images.WorkerFailed, match=r"broken\.png"):
            workers.submit(images.job_image("{not json", "png", tmp_path / "broken.png")).result()
        spec = json.dumps({"data": {"values": [{"x": 1}]}, "mark": "bar", "encoding": {"x": {"field": "x"}}})
        workers.submit(images.job_image(spec, "svg", tmp_path / "good.svg")).result()
        assert (tmp_path / "good.svg").read_text().startswith("<svg")
        assert not workers.broken
    finally:
        workers.close()
