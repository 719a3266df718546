"""The public record's additions as a reader meets them, on the small fixture data: the Indicator page
(its view, its page in AppTest, the links to it from other tables), an open target's interim figure,
growth over time, and the credit every exported chart and CSV carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from components import exports, markdown
from components.data_layer import DataLayer, load_data_layer
from components.page_list import PAGE_BY_NAME
from components.ui.cache import DATA_DIR_VARIABLE
from components.views import growth_rates, indicator, plan_vs_outcome
from components.views.common import PUBLISHED_AT_VARIABLE, Choice
from tests.conftest import FIXTURE, REPO
from tests.test_data_layer import edit

APP = str(REPO / "app.py")


def choice_of(layer: DataLayer, lang: str = "en", themes: tuple[str, ...] = ()) -> Choice:
    return Choice(layer.as_of, True, lang, themes)


# --- the Indicator view ------------------------------------------------------------------------


def test_an_indicator_lists_every_figure_with_its_source_edition_and_status(fixture_layer):
    view = indicator.indicator_page(fixture_layer, choice_of(fixture_layer), "clean_power_share")
    rows = view.figures.to_dict("records")
    assert [row["Kind"] for row in rows] == ["outcome", "target"]  # one period: outcome, then target
    target = next(row for row in rows if row["Kind"] == "target")
    assert "achieved" in target["Status"] and target["Status"].startswith("✔")  # a mark and a word
    outcome = next(row for row in rows if row["Kind"] == "outcome")
    assert outcome["Status"] == ""  # only a target has a status
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["Edition"]) for row in rows)
    assert len(view.addresses) == len(rows) and all(address.startswith("https://") for address in view.addresses)


def test_the_history_chart_draws_a_lower_bound_open_and_names_source_and_edition_in_its_tooltip(fixture_layer):
    view = indicator.indicator_page(fixture_layer, choice_of(fixture_layer), "clean_power_share")
    assert view.chart is not None
    spec = view.chart.spec
    (points,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    fill = points["encoding"]["fill"]["scale"]
    shape = points["encoding"]["shape"]["scale"]
    # The fixture's outcome is "more than 46%": drawn as an open (white) triangle, the target as a filled square.
    assert dict(zip(fill["domain"], fill["range"], strict=True))["outcome, lower bound"] == "#FFFFFF"
    assert dict(zip(shape["domain"], shape["range"], strict=True))["outcome, lower bound"] == "triangle-up"
    assert dict(zip(shape["domain"], shape["range"], strict=True))["target"] == "square"
    titles = [tooltip["title"] for tooltip in points["encoding"]["tooltip"]]
    assert "Source" in titles and "Edition" in titles
    assert "1 outcomes and 1 targets" in view.chart.description and "more than 46%" in view.chart.description


def test_a_large_unit_is_drawn_in_the_readers_own_large_unit():
    assert indicator.axis_scale(1_378_000_000, "en_GB") == (1e9, "billion ")
    assert indicator.axis_scale(1_378_000_000, "zh_Hans_CN") == (1e8, "亿")
    assert indicator.axis_scale(30_000, "zh_Hans_CN") == (1e4, "万")
    assert indicator.axis_scale(30_000, "en_GB") == (1.0, "")


def test_an_indicator_measured_otherwise_says_what_it_is_not_comparable_with(fixture_layer):
    view = indicator.indicator_page(fixture_layer, choice_of(fixture_layer), "smart_coal_mines_built")
    assert view.notes and "Smart coal mines in operation" in view.notes[0]


def test_the_indicator_choice_offers_only_indicators_with_figures(fixture_layer):
    offered = indicator.indicator_choice(fixture_layer, choice_of(fixture_layer))
    held = set(fixture_layer.observations["indicator_id"])
    assert set(offered.indicators) == held
    assert all("(" in label for label in offered.indicators.values())  # the name with its theme


# --- interim figures ---------------------------------------------------------------------------


def with_wind_and_solar_added(data: Path, period: str) -> DataLayer:
    """The data with one more outcome of the fixture's unreported target's indicator, for `period`."""
    observations = data / "observations" / "fx2_review_2024.yaml"
    entry = (
        f"\n  - id: fx2-wind-solar-added-{period[:7]}\n    indicator: wind_solar_added\n    value: 1200000\n"
        f'    kind: outcome\n    period: "{period}"\n'
    )
    observations.write_text(observations.read_text(encoding="utf-8") + entry, encoding="utf-8")
    return load_data_layer(data)


def test_an_open_target_shows_its_latest_interim_figure_beside_it_never_as_its_verdict(data_copy: Path):
    layer = with_wind_and_solar_added(data_copy, "2024-01/2024-06")
    view = plan_vs_outcome.plan_vs_outcome(layer, choice_of(layer))
    (open_group,) = [group for group in view.groups if group.status == "not reported"]
    row = open_group.targets.iloc[0]
    assert row["Latest interim figure (not a verdict)"].startswith("1.2 million")
    assert "Jan" in row["Latest interim figure (not a verdict)"]  # with its period
    assert row["Outcome as stated"] == ""  # not taken as the outcome: the target stays not reported
    others = [group for group in view.groups if group.status != "not reported"]
    assert all("Latest interim figure (not a verdict)" not in group.targets.columns for group in others)


def test_a_later_years_figure_is_not_an_interim_figure_of_an_earlier_target(data_copy: Path):
    layer = with_wind_and_solar_added(data_copy, "2025-01/2025-06")
    view = plan_vs_outcome.plan_vs_outcome(layer, choice_of(layer))
    assert all("Latest interim figure (not a verdict)" not in group.targets.columns for group in view.groups)


# --- growth over time --------------------------------------------------------------------------


def test_growth_over_time_has_every_yearly_growth_figure_and_its_targets(fixture_layer):
    chart = growth_rates.growth_over_time(fixture_layer, choice_of(fixture_layer))
    assert chart is not None
    yearly = fixture_layer.observations[
        (fixture_layer.observations["measure"] == "yoy_growth") & (fixture_layer.observations["period_type"] == "year")
        & (fixture_layer.observations["unit"] == "percent")
    ]  # fmt: skip
    assert len(chart.table) == len(yearly.drop_duplicates(["indicator_id", "kind", "period"]))
    assert set(chart.table["Kind"]) <= {"outcome", "target"}
    assert chart.spec["facet"]["field"] == "indicator"


# --- citing what is shown ----------------------------------------------------------------------


def test_a_charts_csv_gives_each_rows_source_ids_outlets_and_addresses(fixture_layer):
    view = plan_vs_outcome.plan_vs_outcome(fixture_layer, choice_of(fixture_layer))
    assert view.chart is not None
    table = view.chart.table
    sources = fixture_layer.sources.set_index("id")
    for ids, outlets, addresses in zip(table["Source id"], table["Outlet"], table["Address"], strict=True):
        named = ids.split("; ")
        assert named and all(source in sources.index for source in named)
        assert outlets == "; ".join(sources.loc[named, "outlet"])
        assert addresses == "; ".join(sources.loc[named, "address"])


def test_an_exported_chart_carries_the_monitor_its_sources_and_edition_and_the_address(fixture_layer, monkeypatch):
    monkeypatch.setenv(PUBLISHED_AT_VARIABLE, "https://example.org/shanxi-monitor")
    view = indicator.indicator_page(fixture_layer, choice_of(fixture_layer), "clean_power_share")
    assert view.chart is not None
    credit = view.chart.credit
    assert credit[0].startswith("Shanxi Transformation Monitor, as known on")
    assert "Fixture Daily (invented)" in credit[1] and "Fixture Weekly (invented)" in credit[1]
    assert credit[-1] == "https://example.org/shanxi-monitor"
    svg = exports.chart_image(view.chart.spec, "svg", credit).decode("utf-8")
    for line in credit:
        assert line.split(";")[0].split(",")[0] in svg
    plain = exports.chart_image(view.chart.spec, "svg").decode("utf-8")
    assert "Shanxi Transformation Monitor" not in plain  # the footer is the export's, not the chart's


def test_the_footer_keeps_the_chart_and_its_top_level_settings():
    spec = {"$schema": "x", "config": {"font": "a"}, "datasets": {"d": []}, "mark": "point", "title": "T"}
    framed = exports.with_footer(spec, ("one", "two"))
    assert framed["config"] == {"font": "a"} and framed["datasets"] == {"d": []}
    assert framed["vconcat"] == [{"mark": "point", "title": "T"}]
    assert framed["title"]["text"] == ["one", "two"] and framed["title"]["orient"] == "bottom"
    assert exports.with_footer(spec, ()) is spec


def test_the_data_page_lists_each_sources_address_kind_and_how_to_cite(fixture_layer):
    from components.views import data_and_sources

    view = data_and_sources.data_and_sources(fixture_layer, choice_of(fixture_layer))
    assert all(source.address.startswith("https://") for source in view.sources)
    assert all(source.standing for source in view.sources)
    assert "Shanxi Transformation Monitor" in view.cite_monitor
    assert "as known on" in view.cite_edition
    assert {"source_outlet", "source_address"} <= set(view.csv.columns)


def test_a_link_in_a_markdown_table_is_only_a_web_address_or_a_page_of_the_app():
    import pandas as pd

    frame = pd.DataFrame({"Name": ["a", "b", "c"]})
    text = markdown.table(frame, links={"Name": ["https://x.org/(1)", "javascript:alert(1)", "indicator?indicator=x"]})
    assert "[a](https://x.org/%281%29)" in text
    assert "javascript" not in text and "| b |" in text
    assert "[c](indicator?indicator=x)" in text


# --- the Indicator page in the app -------------------------------------------------------------


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(FIXTURE))
    st.cache_data.clear()


def open_indicator(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    return at.switch_page(PAGE_BY_NAME["indicator"].script).run()


def test_the_indicator_page_opens_from_its_link_with_its_chart_and_table():
    at = open_indicator({"indicator": "clean_power_share"})
    assert not at.exception and not at.error
    assert at.selectbox[0].value == "clean_power_share"
    assert len(at.get("vega_lite_chart")) == 1
    tables = [block.value for block in at.markdown if block.value.startswith("| ")]
    assert any("https://example.org/fixtures/" in table for table in tables)  # sources link to their addresses


def test_an_unknown_indicator_in_the_link_gets_a_notice_and_the_first_indicator():
    at = open_indicator({"indicator": "no_such_thing<script>"})
    assert not at.exception
    (warning,) = at.warning
    assert "indicator" in warning.value and "<script>" not in warning.value
    layer = load_data_layer(FIXTURE)
    assert at.selectbox[0].value == next(iter(indicator.indicator_choice(layer, choice_of(layer)).indicators))


def test_the_plan_pages_promises_link_to_their_indicators_page_in_the_readers_language():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page(PAGE_BY_NAME["plan_vs_outcome"].script).run()
    tables = "\n".join(block.value for block in at.markdown if block.value.startswith("| "))
    links = re.findall(r"\]\((indicator\?[^)]+)\)", tables)
    assert links and all("lang=zh" in link for link in links)
    assert any("indicator=clean_power_share" in link for link in links)


def test_the_indicator_page_in_chinese_is_worded_in_chinese():
    at = open_indicator({"indicator": "clean_power_share", "lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "指标"
    assert "Every figure" not in [header.value for header in at.subheader]


def test_a_figure_from_a_secondary_source_says_so_wherever_it_is_shown(data_copy: Path):
    edit(data_copy / "sources.yaml", "standing: primary", "standing: secondary", entry="fx2_review_2024")
    for lang, mark in (("en", " (secondary source)"), ("zh", "（二手来源）")):
        layer = load_data_layer(data_copy, lang=lang)
        observations = layer.observations
        from_secondary = observations[observations["source_id"] == "fx2_review_2024"]
        assert len(from_secondary) and all(label.endswith(mark) for label in from_secondary["value_label"])
        others = observations[observations["source_id"] != "fx2_review_2024"]
        assert not any(label.endswith(mark) for label in others["value_label"])
        pairs = layer.plan_vs_outcome
        judged = pairs[pairs["outcome_source_id"] == "fx2_review_2024"]
        assert len(judged) and all(label.endswith(mark) for label in judged["outcome_label"])
