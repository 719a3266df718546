"""The running app in headless Chromium, checked as a user sees it: every page runs cleanly and
draws the charts it promises, the sidebar theme filter changes the charts and lives in the link,
downloads are real files named after what they show, and hostile links do no harm.

What each page should show is derived from the data layer, not hard-coded."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from playwright.sync_api import expect

from components.data_layer import STATUSES, DataLayer, edition, queries
from components.i18n import translator
from components.page_list import PAGES
from components.views.common import TARGET_ROW_HEADERS, TARGET_ROW_SHOWN, status_badge
from components.views.growth_rates import growth
from components.views.indicator import indicator_choice, indicator_page
from components.views.overview import HEADLINE_HEADERS, overview
from components.views.plan_vs_outcome import plan_vs_outcome
from components.views.themes import theme_page
from tests.conftest import choice_for
from tests.e2e.app_server import CHROMIUM

if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium) to run the browser tests",
        allow_module_level=True,
    )

pytestmark = pytest.mark.e2e


BY_NAME = {page.name: page for page in PAGES}
THEME = "energy"  # the theme the filter tests pick; any theme with growth figures would do


def theme_label(layer: DataLayer, theme_id: str) -> str:
    return layer.themes.set_index("id").loc[theme_id, "label"]


def expected_chart_count(layer: DataLayer, page: str, themes: tuple[str, ...] = ()) -> int:
    """How many charts `page` draws for the chosen themes (none chosen = all), from its page view."""
    choice = choice_for(layer, themes)
    if page == "overview":
        return int(overview(layer, choice).coverage is not None)
    if page == "plan_vs_outcome":
        return int(plan_vs_outcome(layer, choice).chart is not None)
    if page == "growth_rates":
        return int(growth(layer, choice).chart is not None)  # the Period box's default
    if page == "themes":
        theme = themes[0] if themes else layer.themes["id"].iloc[0]  # the Theme box's default
        return len(theme_page(layer, choice, theme).charts)
    if page == "indicator":
        first = next(iter(indicator_choice(layer, choice).indicators), None)  # the Indicator box's default
        return int(first is not None and indicator_page(layer, choice, first).chart is not None)
    return 0  # what changed, data and sources: tables only


def growth_row_labels(layer: DataLayer, themes: tuple[str, ...] = ()) -> list[str]:
    """The growth chart's row labels for the default period, as the chart builds them."""
    view = growth(layer, choice_for(layer, themes))
    assert view.chart is not None
    return list(view.chart.table["Indicator"] + " · " + view.chart.table["Period"])


def shown_as(rendered: str, full: str) -> bool:
    """Whether a drawn axis label is `full`, possibly cut by Vega with an ellipsis."""
    return rendered == full or (rendered.endswith("…") and full.startswith(rendered[:-1]))


def assert_labels_are(rendered: list[str], expected: list[str]) -> None:
    assert len(rendered) == len(expected), f"{len(rendered)} rows drawn, expected {len(expected)}: {rendered}"
    unmatched = [label for label in rendered if not any(shown_as(label, full) for full in expected)]
    assert not unmatched, f"rows that belong to no expected target: {unmatched}"


def assert_charts_drawn(app, expected: int) -> None:
    drawn = app.wait_for_charts(expected)
    assert len(drawn) == expected, f"{len(drawn)} charts on {app.path}, expected {expected}"
    assert all(drawn), f"charts without a visible canvas or svg on {app.path}: {drawn}"


def assert_filter_is(app, layer: DataLayer, theme_id: str) -> None:
    """The filter shows one theme as a chip and names it in the link (by id or by label)."""
    label = theme_label(layer, theme_id)
    assert app.chips() == [label]
    assert app.query.get("theme") in ([theme_id], [label]), f"link does not name the theme: {app.page.url}"


# --- every page -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("info", PAGES, ids=[page.name for page in PAGES])
def test_page_runs_cleanly_and_draws_its_charts(app, layer, info):
    app.open(info.path)

    assert app.on_page_problems() == []
    assert app.warnings() == [], "a plain link should raise no notice"
    assert_charts_drawn(app, expected_chart_count(layer, info.name))
    app.screenshot(info.name)


# --- the theme filter -------------------------------------------------------------------------------------------------


@pytest.fixture
def filtered(app, layer):
    """Growth rates with the theme picked through the sidebar filter."""
    app.open(BY_NAME["growth_rates"].path)
    assert_labels_are(app.y_axis_labels(), growth_row_labels(layer))
    app.select_themes(theme_label(layer, THEME))
    return app


def test_theme_filter_narrows_the_chart_and_writes_the_link(filtered, layer):
    assert_filter_is(filtered, layer, THEME)
    assert_charts_drawn(filtered, 1)
    assert_labels_are(filtered.y_axis_labels(), growth_row_labels(layer, (THEME,)))
    assert filtered.on_page_problems() == []


# Not the Themes page's default theme (the first), so the filter changes what every page shows.
OTHER_THEME = "industry"


@pytest.mark.parametrize("info", PAGES, ids=[page.name for page in PAGES])
def test_theme_filter_changes_the_page_and_its_link_restores_the_view(app, layer, info):
    app.open(info.path)
    assert_charts_drawn(app, expected_chart_count(layer, info.name))
    unfiltered = app.view()

    app.select_themes(theme_label(layer, OTHER_THEME))
    assert_charts_drawn(app, expected_chart_count(layer, info.name, (OTHER_THEME,)))
    filtered, url = app.view(), app.page.url

    assert_filter_is(app, layer, OTHER_THEME)
    assert filtered != unfiltered, "picking a theme did not change what the page shows"
    app.reload()

    assert app.page.url == url
    assert_filter_is(app, layer, OTHER_THEME)
    assert_charts_drawn(app, expected_chart_count(layer, info.name, (OTHER_THEME,)))
    assert app.view() == filtered
    assert app.warnings() == [], "the app's own link should raise no notice"
    assert app.on_page_problems() == []


def test_sidebar_navigation_keeps_the_filter(filtered, layer):
    for target in ["themes", "overview", "growth_rates"]:
        filtered.go_to(BY_NAME[target].title)

        assert filtered.path == BY_NAME[target].path
        assert_filter_is(filtered, layer, THEME)
        assert_charts_drawn(filtered, expected_chart_count(layer, target, (THEME,)))
        assert filtered.on_page_problems() == []


def test_theme_filter_changes_the_overview_figures(app, layer):
    themes = ("energy", "ecology")
    app.open("/")
    app.select_themes(*(theme_label(layer, theme) for theme in themes))

    counts = queries.status_counts(queries.for_themes(layer.plan_vs_outcome, themes))
    for status in STATUSES:
        card = app.page.locator('[data-testid="stMetric"]').filter(
            has=app.page.get_by_text(status_badge(status), exact=True)
        )
        assert card.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(counts[status]), status
    assert_charts_drawn(app, 1)
    assert sorted(app.y_axis_labels()) == sorted(theme_label(layer, theme) for theme in themes)


# --- downloads --------------------------------------------------------------------------------------------------------


def check_png(data: bytes) -> None:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")


def check_svg(data: bytes) -> None:
    assert ET.fromstring(data).tag == "{http://www.w3.org/2000/svg}svg"  # noqa: S314 - our own app's file


def check_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "fmt, check", [("png", check_png), ("svg", check_svg), ("pdf", check_pdf)], ids=["png", "svg", "pdf"]
)
def test_chart_downloads_as_image(filtered, fmt, check):
    filtered.open_chart_downloads()
    name, data = filtered.download(fmt.upper())

    assert name.endswith(f".{fmt}")
    assert "growth-rates" in name and THEME in name, f"the name should say what and which filter: {name}"
    check(data)


def test_chart_data_downloads_as_csv(filtered, layer):
    filtered.open_chart_downloads()
    name, data = filtered.download("CSV")

    assert name.endswith(".csv")
    assert "growth-rates" in name and THEME in name, f"the name should say what and which filter: {name}"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows, "the CSV has no rows"
    assert list(rows[0]) == [*TARGET_ROW_HEADERS.values(), "Source id", "Outlet", "Address"]  # and each row's sources
    assert [f"{row['Indicator']} · {row['Period']}" for row in rows] == growth_row_labels(layer, (THEME,))


def test_observations_download_as_csv(app, layer):
    app.open(BY_NAME["data_and_sources"].path)
    app.select_themes(theme_label(layer, THEME))

    name, data = app.download("Download these observations (CSV)")

    assert name.endswith(".csv") and "observations" in name and THEME in name, name
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    observations = queries.for_themes(layer.observations, [THEME])
    kept = [c for c in observations.columns if c not in ("period_start", "period_end") and not c.endswith("_zh")]
    assert list(table.columns) == [*kept, "source_outlet", "source_address"]  # and where each source was read
    assert len(table) == len(observations)
    assert set(table["theme"]) == {THEME}


def test_headline_table_shows_every_figure_as_written(app, layer):
    app.open(BY_NAME["overview"].path)
    table = app.page.locator('[data-testid="stMarkdownContainer"] table').filter(has_text="Figure").first
    header = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]

    headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
    expected = queries.headline_outcomes(layer.observations, headline_ids)
    assert header == list(HEADLINE_HEADERS.values())
    # Escaped Markdown shows "more than 46%" and "1,234.5 billion yuan" exactly, with no symbol eaten.
    assert [row[1:3] for row in rows] == expected[["indicator", "value_label"]].values.tolist()


def test_data_table_opens_with_the_rows_behind_the_chart(app, layer):
    app.open(BY_NAME["growth_rates"].path)
    assert app.page.locator('[data-testid="stExpander"] table').count() == 0, "a closed table is not built"

    table = app.open_data_table()

    period = queries.figure_periods(layer.observations, "yoy_growth")[0]  # the Period box's default
    rows = queries.rows_with_targets(layer.observations, "yoy_growth", period)
    shown = [TARGET_ROW_HEADERS[column] for column in TARGET_ROW_SHOWN]
    assert [text.strip() for text in table.locator("thead th").all_inner_texts()] == shown
    indicators = [row.locator("td").first.inner_text().strip() for row in table.locator("tbody tr").all()]
    assert sorted(indicators) == sorted(rows["indicator"])
    assert app.on_page_problems() == []


# --- hostile links ----------------------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
BAD_LINKS = {
    "unknown-theme": "/?theme=nonsense",
    "script-in-theme": "/themes?theme=" + quote(SCRIPT, safe=""),
    "very-long-theme": "/plan-vs-outcome?theme=" + "x" * 10_000,
    "unknown-edition": "/what-changed?as_of=2019-01-01",
    "unknown-parameter": "/growth-rates?foo=bar",
}


@pytest.mark.parametrize("link", list(BAD_LINKS.values()), ids=list(BAD_LINKS))
def test_bad_link_shows_a_notice_and_the_page_still_works(app, layer, link):
    app.open(link)

    notices = app.warnings()
    assert notices, f"no notice for {link[:60]}"
    assert all(len(notice) < 1000 for notice in notices), "a notice should not echo the whole value"
    assert app.on_page_problems() == []
    assert app.chips() == [], "nothing in a bad link should become a filter"
    page = next(info for info in PAGES if info.path == link.split("?")[0])
    assert_charts_drawn(app, expected_chart_count(layer, page.name))
    assert app.log.dialogs == [], "a script from the link ran"
    assert app.page.locator("script", has_text="alert(1)").count() == 0
    assert SCRIPT not in app.page.content(), "the link's markup is in the page"
    assert re.search(r"<script[^>]*>\s*alert", app.page.content()) is None


# --- found while looking at the screenshots ---------------------------------------------------------------------------


def test_method_notes_sit_under_their_heading(app):
    app.open(BY_NAME["data_and_sources"].path)

    headings = app.page.locator('[data-testid="stMain"] :is(h1, h2, h3, h4)').evaluate_all(
        "(all) => all.map((h) => [h.tagName, h.textContent.trim()])"
    )
    texts = [text for _, text in headings]
    notes = headings[texts.index("How to read the figures") + 1 :]
    assert notes, "no method notes under 'How to read the figures'"
    assert [tag for tag, _ in notes] == ["H4"] * len(notes), notes


# --- editions ---------------------------------------------------------------------------------------------------------


def test_an_edition_picked_in_the_sidebar_is_kept_in_the_link_and_across_pages(app, layer):
    earlier = "2024-01-20"  # the fixture's plan: its 2024 targets are all still pending then
    app.open(BY_NAME["plan_vs_outcome"].path)
    app.choose_edition(earlier)

    assert app.query.get("as_of") == [earlier]
    main = app.page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("As known on 20 January 2024", exact=False)).to_be_visible()
    then = edition(layer, date(2024, 1, 20))
    pairs = plan_vs_outcome(then, choice_for(then)).pairs
    pending = int((pairs["status"] == "pending").sum())
    expect(main.get_by_role("heading", name=f"… pending ({pending})")).to_be_visible()

    app.reload()
    assert app.query.get("as_of") == [earlier]
    expect(main.get_by_text("As known on 20 January 2024", exact=False)).to_be_visible()

    app.go_to(BY_NAME["what_changed"].title)
    assert app.path == BY_NAME["what_changed"].path and app.query.get("as_of") == [earlier]
    expect(main.get_by_role("heading", name="Target set (6)")).to_be_visible()
    assert app.on_page_problems() == []


# --- languages --------------------------------------------------------------------------------------------------------


def test_the_language_switch_writes_the_link_and_is_kept_on_reload_and_navigation(app):
    app.open(BY_NAME["plan_vs_outcome"].path)
    sidebar = app.page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("中文", exact=True).click()  # the option shows the name; the link says the code
    main = app.page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="目标与完成情况")).to_be_visible()
    assert app.query.get("lang") == ["zh"]

    app.reload()
    assert app.query.get("lang") == ["zh"]
    expect(main.get_by_role("heading", name="目标与完成情况")).to_be_visible()

    app.go_to("增速")
    assert app.path == BY_NAME["growth_rates"].path and app.query.get("lang") == ["zh"]
    expect(main.get_by_role("heading", name="增速")).to_be_visible()
    assert app.on_page_problems() == []
    for info in PAGES:
        app.go_to(translator("zh")(info.title))
        app.screenshot(f"zh_{info.name}")
