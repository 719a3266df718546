"""Every page as a visitor meets it, driven by Streamlit's AppTest through the real frame (app.py) on
the small fixture data: it renders without errors, shows its charts with four downloads and a data
table each (built once the reader opens them), follows the sidebar theme filter and the link's
parameters, warns about a bad link without echoing it, and explains broken data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from components.data_layer import load_data_layer, queries
from components.page_list import PAGE_BY_NAME, PAGES
from components.ui.cache import DATA_DIR_VARIABLE
from components.ui.layout import UNEXPECTED_ERROR
from components.views import growth_rates
from components.views.common import status_badge
from components.views.indicator import indicator_choice, indicator_page
from components.views.themes import theme_page
from tests.conftest import FIXTURE, REPO, choice_for, english_method_notes_from

APP = str(REPO / "app.py")
PAGE_NAMES = [page.name for page in PAGES]
DOWNLOADS_PER_CHART = ["PNG", "SVG", "PDF", "CSV"]
LAYER = load_data_layer(FIXTURE)


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page here reads the fixture, so adding a report to data/ changes nothing in these tests."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(FIXTURE))


# --- helpers ---------------------------------------------------------------------------------


def open_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """A new session opened with the link's query parameters, then moved to `page`.

    AppTest can start only on the entry page (it learns st.navigation's pages from a first run), so
    the parameters are set before that first run, as a visitor's link sets them, and the bound ones
    (theme, status, period) stay in the URL across the switch, as in the browser."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    return at if page == "overview" else at.switch_page(PAGE_BY_NAME[page].script).run()


def follow_link(page: str, query: dict[str, str | list[str]]) -> AppTest:
    """A visitor on the overview follows a link to `page` carrying `query`: the run that opens the
    page is the first to read the parameters (a bad value is not dropped by an earlier run)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    for name, value in query.items():
        at.query_params[name] = value
    return at.run() if page == "overview" else at.switch_page(PAGE_BY_NAME[page].script).run()


def unlinked(cell: str) -> str:
    """A Markdown cell as the reader reads it: a link's text (a cell that names an indicator links to
    its page), without the address."""
    return re.sub(r"^\[(.*)\]\([^()\s]*\)$", r"\1", cell)


def charts_on(at: AppTest) -> list:
    return list(at.get("vega_lite_chart"))


def chart_rows(chart) -> pd.DataFrame:
    """The data the browser receives for a chart (Streamlit sends it apart from the spec, as Arrow)."""
    (dataset,) = chart.proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def download_labels(at: AppTest) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


def read_markdown_table(text: str) -> pd.DataFrame:
    """A Markdown table as the reader sees it: split on unescaped bars, a link's text without its
    address, backslash escapes undone."""
    header, _rule, *lines = text.splitlines()

    def cells(line: str) -> list[str]:
        parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        return [re.sub(r"\\(.)", r"\1", unlinked(part.strip())) for part in parts]

    return pd.DataFrame([cells(line) for line in lines], columns=cells(header))


def chart_tables(at: AppTest) -> list[pd.DataFrame]:
    """The table in each open "Data table" expander, read back from its Markdown."""
    return [read_markdown_table(block.markdown[0].value) for block in at.expander if block.markdown]


def chart_menus(at: AppTest) -> list[tuple[str, bool]]:
    """(key, open) of every chart's download popover and data-table expander, in page order."""
    menus = []
    for node in at.main:  # a depth-first walk of the page's elements and blocks
        if getattr(node, "type", None) in ("popover", "expander"):
            proto = node.proto.popover if node.type == "popover" else node.proto
            # Streamlit writes a keyed block's id as "$$ID-<hash>-<key>".
            menus.append((proto.id.split("-", 2)[2], proto.open if node.type == "popover" else proto.expanded))
    return menus


def open_chart_menus(at: AppTest) -> AppTest:
    """Open every download popover and data table, as a reader clicks them, and rerun."""
    for key, _ in chart_menus(at):
        at.session_state[key] = True
    return at.run()


def metric_values(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [exception.message for exception in at.exception]
    assert not at.error, [error.value for error in at.error]


def theme_filter(at: AppTest):
    (widget,) = at.sidebar.multiselect
    assert widget.label == "Themes"
    return widget


def kind_filter(at: AppTest):
    (widget,) = [widget for widget in at.main.multiselect if widget.label == "Kind"]
    return widget


def measure_filter(at: AppTest):
    (widget,) = [widget for widget in at.main.multiselect if widget.label == "Measure"]
    return widget


def expected_theme_page_charts(theme: str) -> int:
    return len(theme_page(LAYER, choice_for(LAYER), theme).charts)


def expected_indicator_page_charts() -> int:
    """The indicator page opens on the first indicator it offers."""
    first = next(iter(indicator_choice(LAYER, choice_for(LAYER)).indicators))
    return int(indicator_page(LAYER, choice_for(LAYER), first).chart is not None)


def tracker(at: AppTest) -> pd.DataFrame:
    """Every target the plan page lists, from its tables under each status."""
    tables = [read_markdown_table(block.value) for block in at.main.markdown if block.value.startswith("| Status |")]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=["Status", "Promise"])


def as_read(markdown: str) -> str:
    """Markdown text as the reader reads it: backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def caption_with(at: AppTest, text: str) -> str:
    (caption,) = [as_read(caption.value) for caption in at.caption if text in caption.value]
    return caption


EXPECTED_CHARTS = {
    "overview": 1,
    "plan_vs_outcome": 1,  # the fixture has three pairs with numbers on both sides
    "growth_rates": 1,
    "what_changed": 0,
    "themes": expected_theme_page_charts(LAYER.themes["id"].iloc[0]),
    "indicator": expected_indicator_page_charts(),
    "data_and_sources": 0,
}
CSV_ONLY = {
    "data_and_sources": ["Download these observations (CSV)"],
    "what_changed": ["Download these changes (CSV)"],
}


# --- every page ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_page_renders_its_charts_each_with_four_downloads(page):
    at = open_page(page)
    assert_clean(at)
    assert not at.warning, "a plain link needs no notice"
    assert at.title[0].value
    charts = charts_on(at)
    assert len(charts) == EXPECTED_CHARTS[page]
    for chart in charts:
        assert chart.proto.alt.startswith(("Bar chart of", "Dumbbell chart of", "Chart of")), "every chart has alt text"
    assert theme_filter(at).value == []
    if page in CSV_ONLY:
        assert download_labels(at) == CSV_ONLY[page]
        return
    # Closed, a chart's popover holds no buttons and its expander no table: nothing is built for them.
    assert len(chart_menus(at)) == 2 * len(charts)
    assert download_labels(at) == []
    assert len(chart_tables(at)) == 0
    open_chart_menus(at)
    assert_clean(at)
    assert download_labels(at) == DOWNLOADS_PER_CHART * len(charts)
    assert all(is_open for _, is_open in chart_menus(at))
    tables = chart_tables(at)
    assert len(tables) == len(charts)
    for chart, table in zip(charts, tables, strict=True):
        assert len(table) == len(chart_rows(chart)), "the table has a row for every row the chart draws"
        # The indicator page's chart is of one indicator, which the page names: its rows are the values.
        assert {"Indicator", "Theme", "Value as stated"} & set(table.columns)


# --- the sidebar theme filter ----------------------------------------------------------------


def headline_table(at: AppTest) -> pd.DataFrame:
    (table,) = [block.value for block in at.main.markdown if block.value.startswith("| Theme | Figure |")]
    return read_markdown_table(table)


def test_overview_follows_the_theme_filter():
    at = open_page("overview")
    everything = headline_table(at)
    assert chart_rows(charts_on(at)[0])["figures"].sum() == len(LAYER.observations)
    theme_filter(at).set_value(["energy"]).run()
    assert_clean(at)
    counts = queries.status_counts(queries.for_themes(LAYER.plan_vs_outcome, ["energy"]))
    assert metric_values(at) == {status_badge(status): str(count) for status, count in counts.items()}
    energy = queries.for_themes(LAYER.observations, ["energy"])
    headline_ids = set(LAYER.indicators.loc[LAYER.indicators["headline"], "id"])
    headlines = queries.headline_outcomes(energy, headline_ids)
    table = headline_table(at)
    assert len(table) < len(everything)
    assert table["Figure"].tolist() == headlines["indicator"].tolist()
    assert table["Value"].tolist() == headlines["value_label"].tolist(), "values read back exactly as written"
    assert set(table["Theme"]) == {"Energy"}
    rows = chart_rows(charts_on(at)[0])
    assert set(rows["theme_label"]) == {"Energy"} and rows["figures"].sum() == len(energy)


def test_plan_vs_outcome_lists_every_target_and_charts_only_the_compared_ones():
    at = open_page("plan_vs_outcome")
    assert sorted(tracker(at)["Promise"]) == sorted(LAYER.plan_vs_outcome["indicator"])
    compared = LAYER.plan_vs_outcome[LAYER.plan_vs_outcome["status"].isin(["achieved", "missed"])]
    assert sorted(chart_rows(charts_on(at)[0])["indicator"]) == sorted(compared["indicator"])


def test_plan_vs_outcome_groups_targets_under_a_status_mark_and_word():
    at = open_page("plan_vs_outcome")
    headings = [as_read(header.value) for header in at.subheader]
    assert headings[:5] == [
        "✔ achieved (2)",
        "✘ missed (1)",
        "≠ not comparable (2)",
        "… pending (2)",
        "? not reported (1)",
    ]
    rows = tracker(at).set_index("Promise")
    assert rows.loc["Wind and solar capacity added", "Status"] == "? not reported"
    assert rows.loc["Wind and solar capacity added", "Target as stated"] == "8 million kW", "in its own words and unit"
    assert rows.loc["Wind and solar capacity added", "Sources"] == "Fixture plan for 2024"


def test_plan_vs_outcome_follows_the_theme_filter():
    at = open_page("plan_vs_outcome")
    theme_filter(at).set_value(["energy", "ecology"]).run()
    assert_clean(at)
    pairs = queries.for_themes(LAYER.plan_vs_outcome, ["energy", "ecology"])
    assert sorted(tracker(at)["Promise"]) == sorted(pairs["indicator"])
    rows = chart_rows(charts_on(at)[0])
    assert sorted(rows["indicator"]) == ["Average PM2.5 concentration", "Clean power share of generating capacity"]
    assert download_labels(at) == []
    open_chart_menus(at)
    assert download_labels(at) == DOWNLOADS_PER_CHART


def test_plan_vs_outcome_with_fewer_than_two_compared_pairs_shows_the_list_alone():
    at = open_page("plan_vs_outcome")
    theme_filter(at).set_value(["energy"]).run()  # one compared pair: the clean power share
    assert_clean(at)
    assert not charts_on(at)
    assert len(tracker(at)) == len(queries.for_themes(LAYER.plan_vs_outcome, ["energy"]))


def test_plan_vs_outcome_shows_the_notice_when_no_target_matches():
    at = open_page("plan_vs_outcome", {"status": "achieved"})
    theme_filter(at).set_value(["industry"]).run()  # the fixture's industry targets are missed or open
    assert_clean(at)
    assert not charts_on(at) and not at.get("download_button")
    assert "No targets" in at.info[0].value


def test_growth_rates_follow_the_theme_filter():
    at = open_page("growth_rates")
    assert at.main.selectbox[0].value == "2024", "the newest period with reported growth opens first"
    assert sorted(chart_rows(charts_on(at)[0])["indicator"]) == ["Industrial output growth", "Power generation growth"]
    theme_filter(at).set_value(["energy"]).run()
    assert_clean(at)
    rows = chart_rows(charts_on(at)[0])
    assert rows["indicator"].tolist() == ["Power generation growth"]


def test_growth_rates_for_a_theme_without_growth_show_the_notice_not_a_chart():
    at = open_page("growth_rates")
    theme_filter(at).set_value(["ecology"]).run()
    assert_clean(at)
    assert not charts_on(at) and not at.get("download_button")
    (notice,) = at.info
    assert notice.value.startswith("No growth rates in 2024 for the chosen themes")


def test_growth_rates_of_a_period_with_only_targets_say_so():
    at = open_page("growth_rates", {"period": "2025"})
    assert_clean(at)
    assert at.main.selectbox[0].value == "2025"
    rows = chart_rows(charts_on(at)[0])
    assert rows["outcome_value"].isna().all() and rows["indicator"].tolist() == ["Industrial output growth"]
    assert any("No outcome has been reported yet" in caption.value for caption in at.caption)


def test_themes_page_offers_only_the_filtered_themes():
    at = open_page("themes")
    theme_filter(at).set_value(["ecology"]).run()
    assert_clean(at)
    (choice,) = at.main.selectbox
    assert choice.options == ["Ecology"] and choice.value == "ecology"
    assert len(charts_on(at)) == expected_theme_page_charts("ecology")


@pytest.mark.parametrize("theme", ["industry", "ecology"])
def test_themes_page_shows_the_chosen_theme(theme):
    at = open_page("themes")
    at.main.selectbox[0].set_value(theme).run()
    assert_clean(at)
    assert len(charts_on(at)) == expected_theme_page_charts(theme)
    open_chart_menus(at)
    assert len(at.get("download_button")) == 4 * expected_theme_page_charts(theme)
    observations = queries.for_themes(LAYER.observations, [theme])
    figures = queries.outcomes_of(observations, ["level", "added", "rank", "rank_change"])
    shown = [read_markdown_table(block.value) for block in at.main.markdown if block.value.startswith("| Figure |")]
    listed = pd.concat(shown)["Figure"].tolist() if shown else []
    assert sorted(listed) == sorted(figures["indicator"]), "every level, count and rank of the theme, once"


def test_data_page_count_follows_the_theme_filter():
    at = open_page("data_and_sources")
    total = len(LAYER.observations)
    assert caption_with(at, "observations") == f"{total} observations."  # unfiltered, as the snapshot says it
    theme_filter(at).set_value(["energy"]).run()
    assert_clean(at)
    energy = len(queries.for_themes(LAYER.observations, ["energy"]))
    assert caption_with(at, "observations") == f"{energy} of {total} observations."
    assert len(at.dataframe[0].value) == energy


def test_data_page_filters_and_search_narrow_the_table():
    at = open_page("data_and_sources")
    kind_filter(at).set_value(["target"]).run()
    targets = int((LAYER.observations["kind"] == "target").sum())
    assert caption_with(at, "observations").startswith(f"{targets} of ")
    at.text_input[0].input("MINES").run()
    assert_clean(at)
    assert at.dataframe[0].value["Indicator"].tolist() == ["Smart coal mines to build in the year"]
    at.text_input[0].input("no such words anywhere").run()
    assert_clean(at)
    assert "No observations match these filters" in at.info[0].value
    assert not at.get("download_button")


def test_data_page_search_after_filters_that_match_nothing_shows_the_notice():
    at = open_page("data_and_sources")
    kind_filter(at).set_value(["target"])
    measure_filter(at).set_value(["rank_change"])
    at.run()
    assert "No observations match" in at.info[0].value
    at.text_input[0].input("rank").run()
    assert_clean(at)
    assert "No observations match" in at.info[0].value


def test_the_filter_carries_over_to_the_next_page():
    at = open_page("overview")
    theme_filter(at).set_value(["energy"]).run()
    at.switch_page(PAGE_BY_NAME["plan_vs_outcome"].script).run()
    assert_clean(at)
    assert theme_filter(at).value == ["energy"]
    energy = queries.for_themes(LAYER.plan_vs_outcome, ["energy"])
    assert sorted(tracker(at)["Promise"]) == sorted(energy["indicator"])


# --- the link: ?theme=, ?status=, ?period= and bad parameters --------------------------------


@pytest.mark.parametrize("page", ["overview", "plan_vs_outcome", "data_and_sources"])
def test_a_theme_link_restores_the_filter(page):
    at = open_page(page, {"theme": "Energy"})
    assert_clean(at)
    assert not at.warning
    assert theme_filter(at).value == ["energy"]


def test_a_link_with_several_themes_restores_them_all():
    # As the bound filter writes it: one repeated parameter per theme, by label. (AppTest does not
    # play the browser's part of writing the URL, so the link is set here by hand.)
    at = open_page("overview", {"theme": ["Energy", "Ecology"]})
    assert_clean(at)
    assert not at.warning
    assert theme_filter(at).value == ["energy", "ecology"]


def test_a_link_naming_a_theme_by_its_id_is_reported_not_silently_dropped():
    # The filter writes labels into the link; an id (an older link, a hand-made one) is not understood.
    at = open_page("overview", {"theme": "energy"})
    assert_clean(at)
    assert theme_filter(at).value == []
    (notice,) = at.warning
    assert "'energy'" in notice.value
    assert "Energy" in notice.value  # the notice says which names a link may use


BAD_LINKS = {
    "unknown theme": ({"theme": "nonsense"}, "'nonsense'"),
    "script": ({"theme": "<script>alert(1)</script>"}, "'scriptalert1script'"),
    "10,000 characters": ({"theme": "x" * 10_000}, "x" * 40 + "…'"),
    "unknown parameter": ({"foo": "bar"}, "'foo'"),
    "unknown status": ({"status": "<b>done</b>"}, "'bdoneb'"),
}


@pytest.mark.parametrize(
    ("page", "case"),
    [("overview", case) for case in BAD_LINKS]
    + [("plan_vs_outcome", case) for case in BAD_LINKS]
    + [(page, "script") for page in ["growth_rates", "themes", "data_and_sources"]],
)
def test_a_bad_link_gives_a_short_safe_notice_and_the_page_still_renders(page, case):
    query, shown = BAD_LINKS[case]
    at = follow_link(page, query)
    assert_clean(at)
    (notice,) = at.warning
    assert shown in notice.value
    assert "<" not in notice.value and ">" not in notice.value
    assert len(notice.value) < 500
    assert theme_filter(at).value == []
    assert len(charts_on(at)) == EXPECTED_CHARTS[page]


def test_status_link_shows_only_achieved_targets():
    at = open_page("plan_vs_outcome", {"status": "achieved"})
    assert_clean(at)
    assert at.pills[0].value == ["achieved"]
    achieved = LAYER.plan_vs_outcome.query("status == 'achieved'")
    rows = tracker(at)
    assert sorted(rows["Promise"]) == sorted(achieved["indicator"]) and set(rows["Status"]) == {"✔ achieved"}
    assert charts_on(at)[0].proto.alt.startswith(f"Dumbbell chart of {len(achieved)} targets")


def test_status_pills_narrow_the_chart():
    at = open_page("plan_vs_outcome")
    at.pills[0].set_value(["not comparable"]).run()
    assert_clean(at)
    rows = tracker(at)
    assert set(rows["Status"]) == {"≠ not comparable"}
    assert len(rows) == queries.status_counts(LAYER.plan_vs_outcome)["not comparable"]
    assert not charts_on(at), "no pair of numbers to chart"


def test_a_link_asking_for_the_old_no_outcome_yet_status_gets_the_notice():
    at = follow_link("plan_vs_outcome", {"status": "no outcome yet"})
    assert_clean(at)
    (notice,) = at.warning
    assert "'no outcome yet'" in notice.value and "not reported" in notice.value
    assert at.pills[0].value == []


def test_a_status_with_no_targets_shows_the_notice_not_a_chart():
    at = open_page("plan_vs_outcome", {"status": "missed", "theme": "Ecology"})  # ecology's targets are not missed
    assert_clean(at)
    assert not charts_on(at)
    assert "No targets" in at.info[0].value


# Energy has no missed and no pending target in the fixture.
@pytest.mark.parametrize("query, themes", [({}, ()), ({"theme": "Energy"}, ("energy",))], ids=["all themes", "energy"])
def test_scorecard_links_open_each_status_and_none_for_an_empty_one(query, themes):
    at = open_page("overview", query)
    links = {link.proto.query_string: link.proto for link in at.get("page_link")}
    counts = queries.status_counts(queries.for_themes(LAYER.plan_vs_outcome, themes))
    shown = [status for status, count in counts.items() if count]
    assert sorted(links) == sorted(f"status={status.replace(' ', '+')}" for status in shown)
    assert all(link.page == "plan-vs-outcome" and not link.disabled for link in links.values())
    # An empty status says so in plain text: no link that leads nowhere.
    assert [caption.value for caption in at.caption].count("None") == len(counts) - len(shown)


def test_an_unknown_period_is_reported_and_falls_back_to_the_newest_with_outcomes():
    at = follow_link("growth_rates", {"period": "nonsense"})
    assert_clean(at)
    (notice,) = at.warning
    assert "'nonsense'" in notice.value
    assert at.main.selectbox[0].value == "2024"
    assert len(charts_on(at)) == 1


# --- broken data -----------------------------------------------------------------------------


@pytest.fixture
def broken_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app reading a copy of the data with two faults, through the data-folder variable."""
    themes = data_copy / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    text = text.replace('colour: "#E69F00"', 'colour: "<b>orange</b>"').replace('colour: "#882255"', "colour: wine")
    themes.write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_copy))
    return data_copy


@pytest.mark.parametrize("page", ["overview", "plan_vs_outcome"])
def test_broken_data_shows_a_readable_list_of_problems(broken_data, page):
    at = open_page(page)
    assert not at.exception, [exception.message for exception in at.exception]
    (error,) = at.error
    assert error.value.startswith("The data files have problems")
    (problems,) = at.code
    lines = problems.value.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{broken_data}/themes.yaml: line ") for line in lines)
    assert "'<b>orange</b>' does not match" in lines[0]  # shown as text, never as markup
    assert not charts_on(at) and not at.sidebar.multiselect


def test_data_fixed_again_is_shown_again(broken_data):
    assert open_page("overview").error
    shutil.copy(FIXTURE / "themes.yaml", broken_data / "themes.yaml")
    at = open_page("overview")  # a failed load is not cached: the next visit reads the data again
    assert_clean(at)
    assert len(charts_on(at)) == 1


# --- routing: a folder named pages/ beside app.py would switch on Streamlit's legacy folder routing,
# which runs a deep-linked page without the frame; the pages live in app_pages/ for that reason.


def test_a_deep_link_runs_inside_the_frame():
    assert not (REPO / "pages").exists()
    at = open_page("themes", {"theme": "Energy"})
    assert_clean(at)
    assert at.sidebar.multiselect, "the themes page ran without the frame: no theme filter"
    assert theme_filter(at).value == ["energy"]


# --- unexpected errors and known crash paths ---------------------------------------------------


def test_an_unexpected_error_shows_a_short_message_and_no_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail at /srv/monitor/components/page_views.py")

    monkeypatch.setattr(growth_rates, "growth", broken)
    st.cache_data.clear()  # a cached view would hide the broken function
    at = open_page("growth_rates")
    assert not at.exception, "the visitor saw Streamlit's exception box"
    (error,) = at.error
    assert error.value == UNEXPECTED_ERROR
    shown = " ".join(str(element.value) for element in [*at.main.markdown, *at.error, *at.caption, *at.info])
    assert "secret" not in shown and "/srv/" not in shown and "RuntimeError" not in shown
    assert theme_filter(at), "the frame (sidebar) still works"
    at.switch_page(PAGE_BY_NAME["overview"].script).run()
    assert_clean(at)  # the rest of the monitor still works


def test_streamlit_control_flow_passes_through_the_guard():
    # st.stop (empty plan page) and page switches are not errors.
    at = open_page("plan_vs_outcome", {"status": "missed", "theme": "Ecology"})
    assert_clean(at)
    assert "No targets" in at.info[0].value


def without_growth(folder: Path) -> None:
    """Remove every growth figure from a copy of the fixture."""
    for path in (folder / "observations").glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        growth = {"industrial_output_growth", "power_generation_growth"}
        document["observations"] = [item for item in document["observations"] if item["indicator"] not in growth]
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_data_with_no_growth_figures_gives_a_notice_on_the_growth_page(data_copy, monkeypatch):
    without_growth(data_copy)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_copy))
    at = open_page("growth_rates")
    assert_clean(at)
    assert "No growth rates in the data" in at.info[0].value
    assert not charts_on(at)


def test_sources_without_any_date_still_give_an_overview(data_copy, monkeypatch):
    sources = data_copy / "sources.yaml"
    document = yaml.safe_load(sources.read_text(encoding="utf-8"))
    for source in document["sources"]:
        source["dates"] = []
        source["date_note"] = "Test: no dates."
    sources.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(data_copy))
    at = open_page("overview")
    assert_clean(at)
    assert any(caption.value.startswith("Newest source") and "dated" not in caption.value for caption in at.caption)


def test_a_readme_without_its_method_section_gives_a_notice(monkeypatch, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# A README without the method section\n", encoding="utf-8")
    english_method_notes_from(monkeypatch, readme)
    st.cache_data.clear()  # the notes are part of the page's view, which is cached
    try:
        at = open_page("data_and_sources")
        assert_clean(at)
        assert any("notes on method are missing" in block.value for block in at.markdown)
    finally:
        st.cache_data.clear()


def test_data_problems_name_files_from_the_repository_not_the_server(monkeypatch):
    broken = REPO / "tests" / "fixtures" / "missing-folder-for-this-test"
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(broken))
    at = open_page("overview")
    (problems,) = at.code
    assert str(REPO) not in problems.value
    assert problems.value.startswith("tests/fixtures/missing-folder-for-this-test")
