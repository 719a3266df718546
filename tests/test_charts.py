"""Chart builders (components/charts.py) as a reader meets them: the right marks, typed encodings, axis
titles with units, tooltips that say what a mark is and where it comes from, status colours that
survive colour blindness, theme colours from themes.yaml, and exactly the rows the page asked for.
Charts are built from the small invented data folder tests/fixtures/small/, so the counts below are
the fixture's and do not move when a report is added to data/.

Specs are checked with `chart.to_dict()`; where Vega-Lite merges layers (axis titles) or draws marks
(target ticks), the spec is compiled or rendered with vl-convert, as the app and exports do."""

from __future__ import annotations

import collections
import json
import math
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert
import yaml

from components import chart_theme, charts
from components.data_layer import STATUSES, DataLayer, queries
from components.views.reasons import word_reason
from tests.conftest import FIXTURE

# Okabe and Ito's colour-blind-safe palette (with its grey).
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}
GROWTH_TITLE = "Year-on-year growth (%)"


@pytest.fixture(scope="module")
def layer(fixture_layer) -> DataLayer:
    """The fixture folder's layer (tests/conftest.py), by the name every test here uses."""
    return fixture_layer


@pytest.fixture(scope="module")
def theme_colours() -> dict[str, str]:
    """Theme label -> colour, read straight from the fixture's themes.yaml."""
    themes = yaml.safe_load((FIXTURE / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    return {theme["label"]: theme["colour"] for theme in themes}


# --- helpers ---------------------------------------------------------------------------------


def spec_of(chart: alt.TopLevelMixin) -> dict:
    chart_theme.use()  # as the views do before they make a spec
    return chart.to_dict()


def rows_of(spec: dict) -> list[dict]:
    """The single inline dataset of a spec (every layer shares it)."""
    (rows,) = spec["datasets"].values()
    return rows


def layers_of(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in layers_of(spec)]


def filters(layer: dict) -> list[str]:
    return [step["filter"] for step in layer.get("transform", []) if "filter" in step]


def field_encodings(layer: dict) -> dict[str, dict]:
    return {
        channel: definition
        for channel, definition in layer["encoding"].items()
        if isinstance(definition, dict) and "field" in definition
    }


def assert_typed(layer: dict) -> None:
    """Every field encoding names its type; x2/y2 share the type of x/y by Vega-Lite's rules."""
    for channel, definition in field_encodings(layer).items():
        if channel not in {"x2", "y2"}:
            assert definition.get("type") in {"nominal", "quantitative"}, f"{channel} of {layer['mark']}"


def tooltip_fields(layer: dict) -> list[str]:
    return [item["field"] for item in layer["encoding"].get("tooltip", [])]


def is_data_bearing(layer: dict) -> bool:
    """A layer that draws something per row from a field (not a reference line at a datum)."""
    return any(channel in field_encodings(layer) for channel in ("x", "y"))


def axis_titles(spec: dict) -> dict[str, str | None]:
    """Axis titles after Vega-Lite merges the layers: what the reader sees."""
    compiled = vl_convert.vegalite_to_vega(spec)
    return {axis["orient"]: axis.get("title") for axis in compiled["axes"] if axis.get("title") is not None}


def drawn(spec: dict) -> collections.Counter:
    """How many items of each kind the rendered SVG draws (bar, tick, point, text mark, ...)."""
    svg = vl_convert.vegalite_to_svg(spec)
    return collections.Counter(re.findall(r'aria-roledescription="([^"]+)"', svg))


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as JSON would carry them: NaN becomes None."""
    return json.loads(frame[columns].to_json(orient="records"))


def pair(indicator: str, status: str, target: float, outcome: float | None, period: str = "2025") -> dict:
    """One plan-vs-outcome row with the columns the chart reads."""
    return {
        "indicator": indicator,
        "period": period,
        "status": status,
        "status_reason": f"why {indicator}",
        "target_label": f"{target:g}%",
        "outcome_label": "" if outcome is None else f"{outcome:g}%",
        "gap_label": "",
        "target_value": target,
        "outcome_value": math.nan if outcome is None else outcome,
        "target_source_id": "source_t",
        "outcome_source_id": "" if outcome is None else "source_o",
    }


# --- the registered theme --------------------------------------------------------------------


def test_the_theme_is_enabled_by_use_not_by_importing_it():
    chart_theme.use()
    assert chart_theme.THEME_NAME in alt.theme.names()
    assert alt.theme.active == chart_theme.THEME_NAME


def test_the_theme_configures_fonts_and_sizes_in_every_chart(coverage_spec):
    config = chart_theme.monitor_theme()["config"]
    assert "Source Sans Pro" in config["font"]
    assert config["axis"]["labelFontSize"] >= 11 and config["legend"]["labelFontSize"] >= 11
    assert config["title"]["anchor"] == "start"
    # No background: Streamlit fills it for light and dark mode, exports set white themselves.
    assert "background" not in config
    assert coverage_spec["config"]["font"] == config["font"]
    assert coverage_spec["config"]["axis"] == config["axis"]


# --- theme_colour_scale ----------------------------------------------------------------------


def test_theme_colours_come_from_themes_yaml_and_only_shown_themes_enter_the_legend(layer, theme_colours):
    shown = pd.Series(["Ecology", "Energy", "Energy", "Industry"])
    scale = charts.theme_colour_scale(layer.themes, shown).to_dict()
    # themes.yaml order, not the order of `shown`; each theme once.
    assert scale["domain"] == ["Energy", "Industry", "Ecology"]
    assert scale["range"] == [theme_colours[label] for label in scale["domain"]]


def test_every_theme_has_its_own_colour(layer, theme_colours):
    scale = charts.theme_colour_scale(layer.themes, layer.themes["label"]).to_dict()
    assert scale["domain"] == list(theme_colours)
    assert len(set(scale["range"])) == len(scale["range"])


def test_a_theme_colour_scale_of_nothing_is_empty(layer):
    scale = charts.theme_colour_scale(layer.themes, pd.Series([], dtype=str)).to_dict()
    assert scale["domain"] == [] and scale["range"] == []


# --- plan_vs_outcome_chart -------------------------------------------------------------------


def as_charted(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs as a view hands them to the chart: each status reason worded (the data layer gives codes)."""
    reasons = zip(pairs["status_reason_code"], pairs["status_reason_params"], strict=True)
    return pairs.assign(status_reason=[word_reason(code, params, str) for code, params in reasons])


@pytest.fixture(scope="module")
def plan_spec(layer) -> dict:
    return spec_of(charts.plan_vs_outcome_chart(as_charted(layer.plan_vs_outcome)))


def test_plan_chart_layers_are_bar_tick_connector_dot_marker_and_label(plan_spec):
    assert marks(plan_spec) == ["bar", "tick", "rule", "point", "point", "text"]
    bar, tick, connector, dot, marker, label = layers_of(plan_spec)
    assert filters(connector) == filters(dot) == filters(label) == ["isValid(datum.outcome_percent)"]
    assert filters(marker) == ["!isValid(datum.outcome_percent)"]
    assert not filters(bar) and not filters(tick)  # every target gets its bar and tick at 100
    assert field_encodings(bar)["x"]["field"] == field_encodings(tick)["x"]["field"] == "target_percent"
    assert bar["encoding"]["x2"] == {"datum": 0}
    assert field_encodings(dot)["x"]["field"] == "outcome_percent"
    assert field_encodings(marker)["x"]["field"] == "target_percent"
    assert field_encodings(label)["text"]["field"] == "outcome_label"


def test_plan_chart_encodings_have_explicit_types(plan_spec):
    for layer in layers_of(plan_spec):
        assert_typed(layer)
        for item in layer["encoding"]["tooltip"]:
            assert item["type"] == "nominal" and item["title"]


def test_plan_chart_x_axis_says_it_is_a_percent_of_the_target(plan_spec):
    assert axis_titles(plan_spec) == {"bottom": "Outcome as % of the target (target = 100)"}
    y = layers_of(plan_spec)[0]["encoding"]["y"]
    assert y["field"] == "row_label" and y["title"] is None  # the row labels say it all


def test_plan_chart_tooltips_name_indicator_values_period_status_and_sources(plan_spec):
    wanted = {
        "indicator",
        "period",
        "target_label",
        "outcome_label",
        "status_label",
        "target_source_id",
        "outcome_source_id",
    }
    for layer in layers_of(plan_spec):
        assert is_data_bearing(layer)
        assert wanted <= set(tooltip_fields(layer)), layer["mark"]


def test_plan_chart_status_scales_cover_every_status_distinctly(plan_spec):
    coloured = [layer for layer in layers_of(plan_spec) if "color" in layer["encoding"]]
    assert len(coloured) == 3  # connector, dot, marker
    for layer in coloured:
        colour = layer["encoding"]["color"]
        assert colour["field"] == "status_label" and colour["type"] == "nominal"
        assert colour["scale"]["domain"] == list(STATUSES)
        assert len(set(colour["scale"]["range"])) == len(STATUSES)
        assert set(colour["scale"]["range"]) <= OKABE_ITO
    for layer in layers_of(plan_spec)[3:5]:
        shape = layer["encoding"]["shape"]["scale"]
        assert shape["domain"] == list(STATUSES)
        assert len(set(shape["range"])) == len(STATUSES)  # status reads without colour too
    assert charts.STATUS_COLOURS.keys() == charts.STATUS_SHAPES.keys() == set(STATUSES)


def test_plan_chart_holds_one_row_per_target(layer, plan_spec):
    rows = rows_of(plan_spec)
    pairs = layer.plan_vs_outcome
    assert len(rows) == len(pairs) == 8
    assert [row["indicator"] for row in rows] == pairs["indicator"].tolist()
    assert all(row["target_percent"] == 100.0 for row in rows)


def test_only_achieved_and_missed_pairs_get_an_outcome_percent(plan_spec):
    for row in rows_of(plan_spec):
        comparable = row["status"] in {"achieved", "missed"}
        assert (row["outcome_percent"] is not None) == comparable, row["row_label"]
    # "Not comparable" pairs do have an outcome value; it must not be drawn against the target.
    shown_not_drawn = {
        row["row_label"]: row["outcome_label"]
        for row in rows_of(plan_spec)
        if row["status"] == "not comparable" and row["outcome_label"] != ""
    }
    assert shown_not_drawn == {
        "Smart coal mines to build in the year · 2024": "310",
        "National rank in coalbed gas output · 2024": "among the top",
    }


def test_comparable_outcomes_sit_at_their_percent_of_the_target(plan_spec):
    drawn_at = {
        row["row_label"]: row["outcome_percent"] for row in rows_of(plan_spec) if row["outcome_percent"] is not None
    }
    assert drawn_at == {
        "Clean power share of generating capacity · 2024": pytest.approx(100 * 46 / 45),  # achieved, right of 100
        "Average PM2.5 concentration · 2024": pytest.approx(100 * 36 / 38),  # achieved: a ceiling kept, left of 100
        "Industrial output growth · 2024": pytest.approx(90),  # missed
    }


def test_plan_chart_rows_are_ordered_by_status_then_label(plan_spec):
    assert layers_of(plan_spec)[0]["encoding"]["y"]["sort"] == [
        "Average PM2.5 concentration · 2024",  # achieved
        "Clean power share of generating capacity · 2024",
        "Industrial output growth · 2024",  # missed
        "National rank in coalbed gas output · 2024",  # not comparable
        "Smart coal mines to build in the year · 2024",
        "Industrial output growth · 2025",  # pending
        "Share of days with good air · 2025",
        "Wind and solar capacity added · 2024",  # not reported
    ]


def test_plan_chart_x_axis_leaves_room_for_the_furthest_dot(plan_spec):
    domain = layers_of(plan_spec)[0]["encoding"]["x"]["scale"]["domain"]
    furthest = max(row["outcome_percent"] for row in rows_of(plan_spec) if row["outcome_percent"] is not None)
    assert domain[0] == 0 and domain[1] > furthest


def test_plan_chart_draws_a_dot_for_each_comparable_pair_and_a_marker_for_the_rest(plan_spec):
    counts = drawn(plan_spec)
    assert counts["bar"] == counts["tick"] == 8
    assert counts["point"] == 8  # 3 outcome dots + 5 status markers on the target
    assert counts["rule mark"] == 3  # a connector for each of the 3 comparable pairs


def test_plan_chart_on_a_small_frame():
    pairs = pd.DataFrame(
        [
            pair("Retail sales growth", "missed", 5.0, 4.0),
            pair("GDP growth", "achieved", 5.0, 7.5),
            pair("Mines built", "not comparable", 150.0, 268.0),
            pair("Gas output", "pending", 20.0, None),
        ]
    )
    spec = spec_of(charts.plan_vs_outcome_chart(pairs))
    percents = {row["indicator"]: row["outcome_percent"] for row in rows_of(spec)}
    assert percents == {"Retail sales growth": 80.0, "GDP growth": 150.0, "Mines built": None, "Gas output": None}
    assert layers_of(spec)[0]["encoding"]["y"]["sort"] == [
        "GDP growth · 2025",
        "Retail sales growth · 2025",
        "Mines built · 2025",
        "Gas output · 2025",
    ]
    assert layers_of(spec)[0]["encoding"]["x"]["scale"]["domain"][1] > 150.0


def test_plan_chart_x_axis_includes_a_negative_outcome():
    pairs = pd.DataFrame([pair("Fixed-asset investment growth", "missed", 6.0, -2.0), pair("GDP", "achieved", 5, 5)])
    spec = spec_of(charts.plan_vs_outcome_chart(pairs))
    lowest = min(row["outcome_percent"] for row in rows_of(spec))
    assert lowest == pytest.approx(-100 / 3)
    domain = layers_of(spec)[0]["encoding"]["x"]["scale"]["domain"]
    assert domain[0] <= lowest


def test_plan_chart_of_an_empty_frame_builds_with_no_rows(layer):
    # The pages show empty_notice instead of calling the builder; an empty frame still must not crash it.
    spec = spec_of(charts.plan_vs_outcome_chart(as_charted(layer.plan_vs_outcome.iloc[:0])))
    assert rows_of(spec) == []
    assert layers_of(spec)[0]["encoding"]["x"]["scale"]["domain"][0] == 0


# --- bars_with_targets -----------------------------------------------------------------------

BAR_COLUMNS = [
    "row_label",
    "indicator",
    "theme_label",
    "period_label",
    "outcome_value",
    "outcome_label",
    "target_value",
    "target_label",
    "source",
    "note",
]


def bars_spec(rows: pd.DataFrame, layer: DataLayer, domain=None) -> dict:
    return spec_of(charts.bars_with_targets(rows, layer.themes, GROWTH_TITLE, "Growth rates", domain))


@pytest.fixture(scope="module")
def growth_2024(layer) -> pd.DataFrame:
    return queries.rows_with_targets(layer.observations, "yoy_growth", "2024")


@pytest.fixture(scope="module")
def growth_2025(layer) -> pd.DataFrame:
    return queries.rows_with_targets(layer.observations, "yoy_growth", "2025")


@pytest.fixture(scope="module")
def growth_q1(layer) -> pd.DataFrame:
    return queries.rows_with_targets(layer.observations, "yoy_growth", "2023-Q1")


@pytest.fixture(scope="module")
def shares(layer) -> pd.DataFrame:
    return queries.rows_with_targets(layer.observations, "share")


# Specs built once per module: Altair validates each against the Vega-Lite schema, which takes a while.
@pytest.fixture(scope="module")
def growth_2024_spec(layer, growth_2024) -> dict:
    return bars_spec(growth_2024, layer)


@pytest.fixture(scope="module")
def growth_2025_spec(layer, growth_2025) -> dict:
    return bars_spec(growth_2025, layer)


@pytest.fixture(scope="module")
def growth_q1_spec(layer, growth_q1) -> dict:
    return bars_spec(growth_q1, layer)


@pytest.fixture(scope="module")
def shares_spec(layer, shares) -> dict:
    return bars_spec(shares, layer, domain=(0, 100))  # as the themes page draws shares


def test_bars_layers_are_bars_labels_ticks_target_labels_and_zero_line(growth_2024_spec):
    spec = growth_2024_spec
    assert marks(spec) == ["bar", "text", "tick", "text", "rule"]
    bars, labels, ticks, target_labels, zero = layers_of(spec)
    assert filters(bars) == filters(labels) == ["isValid(datum.outcome_value)"]
    assert filters(ticks) == ["isValid(datum.target_value)"]
    assert filters(target_labels) == ["isValid(datum.target_value) && !isValid(datum.outcome_value)"]
    assert zero["encoding"]["x"] == {"datum": 0}


def test_bars_encodings_are_typed_with_the_value_axis_titled_in_percent(growth_2024_spec):
    spec = growth_2024_spec
    bars = layers_of(spec)[0]
    assert field_encodings(bars)["x"] == {
        "field": "outcome_value",
        "type": "quantitative",
        "title": GROWTH_TITLE,
        "scale": {"zero": True},
    }
    assert field_encodings(bars)["color"]["field"] == "theme_label"
    for layer_spec in layers_of(spec):
        assert_typed(layer_spec)
    assert axis_titles(spec) == {"bottom": GROWTH_TITLE}


def test_bars_tooltips_name_indicator_period_values_theme_and_source(growth_2024_spec):
    spec = growth_2024_spec
    wanted = {"indicator", "period_label", "outcome_label", "target_label", "theme_label", "source"}
    data_layers = [layer_spec for layer_spec in layers_of(spec) if is_data_bearing(layer_spec)]
    assert len(data_layers) == 4  # all but the zero line
    for layer_spec in data_layers:
        assert wanted <= set(tooltip_fields(layer_spec)), layer_spec["mark"]


@pytest.mark.parametrize("which", ["growth_2024", "growth_2025", "growth_q1", "shares"])
def test_bars_dataset_is_exactly_the_input_rows_in_input_order(request, which):
    rows = request.getfixturevalue(which)
    spec = request.getfixturevalue(f"{which}_spec")
    assert rows_of(spec) == records(rows, BAR_COLUMNS)
    assert layers_of(spec)[0]["encoding"]["y"]["sort"] == rows["row_label"].tolist()


def test_bars_colours_are_the_themes_present_with_their_yaml_colours(growth_2024_spec, theme_colours):
    colour = layers_of(growth_2024_spec)[0]["encoding"]["color"]
    assert colour["scale"]["domain"] == ["Energy", "Industry"]
    assert colour["scale"]["range"] == [theme_colours["Energy"], theme_colours["Industry"]]
    assert colour["legend"]["title"] == "Theme"


def test_bars_draw_a_target_tick_only_for_rows_with_a_target(
    growth_2024_spec, growth_2025_spec, growth_q1_spec, shares_spec
):
    no_targets = drawn(growth_q1_spec)
    assert (no_targets["bar"], no_targets["tick"]) == (1, 0)
    only_targets = drawn(growth_2025_spec)
    assert (only_targets["bar"], only_targets["tick"]) == (0, 1)
    one_of_two = drawn(growth_2024_spec)  # industrial growth has a target, power generation has none
    assert (one_of_two["bar"], one_of_two["tick"]) == (2, 1)
    mixed = drawn(shares_spec)  # a target-only row (good air in 2025) among outcomes
    assert (mixed["bar"], mixed["tick"]) == (2, 2)


def test_bars_with_a_domain_fix_the_value_axis(shares_spec):
    bars, _, ticks, _, _ = layers_of(shares_spec)
    assert bars["encoding"]["x"]["scale"] == {"domain": [0, 100]}
    assert ticks["encoding"]["x"]["scale"] == {"domain": [0, 100]}


def test_bars_on_a_small_frame_keep_a_negative_growth_in_view(layer):
    rows = pd.DataFrame(
        [
            {
                "row_label": f"{name} · 2024",
                "indicator": name,
                "theme_label": theme,
                "period_label": "2024",
                "outcome_value": outcome,
                "outcome_label": "" if math.isnan(outcome) else f"{outcome:g}%",
                "target_value": target,
                "target_label": "" if math.isnan(target) else f"{target:g}%",
                "source": "S",
                "note": "",
            }
            for name, theme, outcome, target in [
                ("Exports", "Industry", 8.0, math.nan),
                ("Investment", "Energy", -2.5, 6.0),
                ("Retail", "Energy", math.nan, 5.0),
            ]
        ]
    )
    spec = bars_spec(rows, layer)
    assert layers_of(spec)[0]["encoding"]["y"]["sort"] == ["Exports · 2024", "Investment · 2024", "Retail · 2024"]
    # themes.yaml order, not row order
    assert layers_of(spec)[0]["encoding"]["color"]["scale"]["domain"] == ["Energy", "Industry"]
    counts = drawn(spec)
    assert (counts["bar"], counts["tick"]) == (2, 2)
    compiled = vl_convert.vegalite_to_vega(spec)
    (x_scale,) = [scale for scale in compiled["scales"] if scale["name"] == "x"]
    assert x_scale.get("zero") is True  # zero=True with a negative value: the axis runs below 0


def test_bars_of_an_empty_frame_build_with_no_rows(layer, growth_2024):
    spec = bars_spec(growth_2024.iloc[:0], layer)
    assert rows_of(spec) == []
    assert layers_of(spec)[0]["encoding"]["color"]["scale"]["domain"] == []


# --- coverage_chart --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coverage_spec(layer) -> dict:
    return spec_of(charts.coverage_chart(layer.observations))


def test_coverage_is_one_stacked_bar_layer_with_typed_encodings(coverage_spec):
    spec = coverage_spec
    assert marks(spec) == ["bar"]
    encoding = field_encodings(spec)
    assert (encoding["x"]["field"], encoding["x"]["type"], encoding["x"]["stack"]) == (
        "figures",
        "quantitative",
        "zero",
    )
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("theme_label", "nominal")
    assert (encoding["color"]["field"], encoding["color"]["type"]) == ("kind", "nominal")
    assert encoding["color"]["scale"] == {"domain": ["outcome", "target"], "range": ["#0072B2", "#E69F00"]}
    assert set(encoding["color"]["scale"]["range"]) <= OKABE_ITO
    assert axis_titles(spec) == {"bottom": "Figures (count)"}
    assert tooltip_fields(spec) == ["theme_label", "kind", "figures"]


def test_coverage_counts_every_figure_once_per_theme_and_kind(coverage_spec):
    rows = rows_of(coverage_spec)
    assert {(row["theme_label"], row["kind"]): row["figures"] for row in rows} == {
        ("Energy", "outcome"): 5,
        ("Energy", "target"): 4,
        ("Industry", "outcome"): 4,
        ("Industry", "target"): 2,
        ("Ecology", "outcome"): 3,
        ("Ecology", "target"): 2,
    }
    assert sum(row["figures"] for row in rows) == 20
    # Themes top to bottom in themes.yaml order, not alphabetical.
    assert field_encodings(coverage_spec)["y"]["sort"] == ["Energy", "Industry", "Ecology"]


def test_coverage_of_chosen_themes_holds_only_those(layer):
    observations = queries.for_themes(layer.observations, ["ecology", "energy"])
    spec = spec_of(charts.coverage_chart(observations))
    assert {row["theme_label"] for row in rows_of(spec)} == {"Energy", "Ecology"}
    assert field_encodings(spec)["y"]["sort"] == ["Energy", "Ecology"]


def test_coverage_of_an_empty_frame_builds_with_no_rows(layer):
    assert rows_of(spec_of(charts.coverage_chart(layer.observations.iloc[:0]))) == []


# --- alt text --------------------------------------------------------------------------------


def test_plan_alt_text_counts_targets_by_status(layer):
    pairs = layer.plan_vs_outcome
    assert charts.describe_plan_vs_outcome(pairs) == (
        "Dumbbell chart of 8 targets, each scaled to 100, with comparable outcomes as dots: "
        "2 achieved, 1 missed, 2 not comparable, 2 pending, 1 not reported."
    )
    energy = queries.for_themes(pairs, ["energy"])  # no status at zero is named
    assert charts.describe_plan_vs_outcome(energy).endswith(": 1 achieved, 2 not comparable, 1 not reported.")


def test_bars_alt_text_names_the_highest_outcome_and_counts_targets(growth_2024, growth_2025, growth_q1, shares):
    assert charts.describe_bars(growth_2024, "growth rates for 2024") == (
        "Bar chart of 2 growth rates for 2024, highest Industrial output growth at 5.4% (2024); "
        "1 targets marked as ticks."
    )
    assert charts.describe_bars(growth_2025, "growth rates for 2025") == (
        "Bar chart of 0 growth rates for 2025; 1 targets marked as ticks."
    )
    assert charts.describe_bars(growth_q1, "growth rates for Q1 2023") == (
        "Bar chart of 1 growth rates for Q1 2023, highest Industrial output growth at 7.2% (Q1 2023 (inferred))."
    )
    assert charts.describe_bars(shares, "shares") == (
        "Bar chart of 2 shares, highest Share of days with good air at about 75% (2024); 2 targets marked as ticks."
    )


def test_coverage_alt_text_counts_figures_themes_and_kinds(layer):
    assert charts.describe_coverage(layer.observations) == (
        "Bar chart of 20 figures across 3 themes: 12 outcomes and 8 targets."
    )
    energy = queries.for_themes(layer.observations, ["energy"])
    assert charts.describe_coverage(energy) == "Bar chart of 9 figures across 1 themes: 5 outcomes and 4 targets."


def test_alt_text_of_empty_frames_does_not_crash(layer):
    assert charts.describe_plan_vs_outcome(layer.plan_vs_outcome.iloc[:0]).startswith("Dumbbell chart of 0 targets")
    assert charts.describe_bars(queries.rows_with_targets(layer.observations.iloc[:0], "share"), "shares") == (
        "Bar chart of 0 shares."
    )
    assert charts.describe_coverage(layer.observations.iloc[:0]).startswith("Bar chart of 0 figures across 0 themes")


# --- text alternatives -----------------------------------------------------------------------


def unlabelled_graphics(spec: dict) -> list[str]:
    """Elements of the rendered SVG that assistive technology meets as a graphic with no name, as
    axe-core's svg-img-alt rule finds them: Vega gives a mark container the role graphics-symbol
    (not graphics-object) when none of its items is described, e.g. an empty layer or a bare rule."""
    svg = vl_convert.vegalite_to_svg(spec)
    return [
        tag
        for tag in re.findall(r"<[^>]+>", svg)
        if re.search(r'role="(graphics-symbol|img)"', tag) and not re.search(r'aria-label="[^"]', tag)
    ]


@pytest.fixture(scope="module")
def compared_plan_spec(layer) -> dict:
    """The plan chart as the app draws it: achieved and missed pairs only, so no status marker."""
    pairs = as_charted(layer.plan_vs_outcome)
    return spec_of(charts.plan_vs_outcome_chart(pairs[pairs["status"].isin(["achieved", "missed"])]))


@pytest.mark.parametrize(
    "which",
    ["plan_spec", "compared_plan_spec", "growth_2024_spec", "growth_2025_spec", "growth_q1_spec", "shares_spec",
     "coverage_spec"],
)  # fmt: skip
def test_every_drawn_graphic_has_a_text_alternative_or_is_hidden(request, which):
    # growth_q1 has no targets and growth_2025 no outcomes: their empty layers must not become nameless graphics.
    assert unlabelled_graphics(request.getfixturevalue(which)) == []


def test_hiding_empty_layers_keeps_every_drawn_item_described(growth_2024_spec, compared_plan_spec):
    # Every bar, tick and point still carries its own description for a screen reader.
    for spec in (growth_2024_spec, compared_plan_spec):
        svg = vl_convert.vegalite_to_svg(spec)
        items = re.findall(r'<path[^>]*aria-roledescription="(?:bar|tick|point)"[^>]*>', svg)
        assert items and all('aria-label="' in item for item in items)
