"""What each page shows (components/views/), called directly on the small invented data folder
tests/fixtures/small/: the counts, headings, table headers and rows, chart names and text
alternatives, caveats, periods and choices a reader would see, each view asked with the reader's
Choice as the frame resolves it (`choice_for`). Expected values are read off the fixture's YAML
and written out; a variant of the fixture is made by editing a copy of its folder (`data_copy`).
Statuses are judged on the fixture's newest edition, 2025-01-15, unless a test picks another;
tests/fixtures/next_edition/ adds a fourth report (2026-01-20) for what a later edition changes."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from components.data_layer import STATUSES, DataLayer, edition, load_data_layer
from components.i18n import method_notes
from components.views.common import ChartView, status_badge
from components.views.data_and_sources import SourceDetails, data_and_sources, data_filters
from components.views.frame import Edition, editions, link_values
from components.views.growth_rates import growth
from components.views.overview import HEADLINE_HEADERS, overview
from components.views.overview import NO_HEADLINE as VIEW_NO_HEADLINE
from components.views.plan_vs_outcome import plan_vs_outcome
from components.views.themes import theme_choice, theme_page
from components.views.what_changed import compare_choice, earlier_editions, what_changed
from tests.conftest import FIXTURE, REPO, choice_for, english_method_notes_from
from tests.test_data_layer import edit

NEXT = REPO / "tests" / "fixtures" / "next_edition"
PLAN, REVIEW, BRIEF = "Fixture plan for 2024", "Fixture review of 2024", "Fixture brief on a first quarter"
REVIEW_2025 = "Fixture review of 2025"  # the next edition's fourth report
THEME_LABELS = {"energy": "Energy", "industry": "Industry", "ecology": "Ecology"}
GROWTH_PERIODS = ["2024", "2023-Q1", "2025"]  # outcomes first, newest first; 2025 has only a target
# What the reader sees above each kind of table, written out rather than read from the module.
SOURCE_COLUMNS = ["Source id", "Outlet", "Address"]  # each chart's CSV cites the sources behind each row
HEADLINE_COLUMNS = ["Theme", "Figure", "Value", "Period", "Source"]
FIGURE_COLUMNS = ["Figure", "Value", "Period", "Source", "Note"]
PAIR_COLUMNS = [
    "Indicator", "Period", "Target", "Outcome", "Gap", "Status", "Why", "Gap (units)", "Gap (%)", "Target source",
    "Outcome source", *SOURCE_COLUMNS,
]  # fmt: skip
PAIR_SCREEN_COLUMNS = ["Indicator", "Period", "Target", "Outcome", "Gap", "Status"]
TARGET_ROW_COLUMNS = [
    "Indicator", "Period", "Theme", "Outcome (%)", "Outcome as stated", "Target (%)", "Target as stated", "Source",
    "Note", *SOURCE_COLUMNS,
]  # fmt: skip
TARGET_ROW_SCREEN_COLUMNS = ["Indicator", "Period", "Theme", "Outcome as stated", "Target as stated", "Source", "Note"]
TRACKER_COLUMNS = ["Status", "Promise", "Target as stated", "Outcome as stated", "Period", "Gap", "Sources"]
CHANGE_COLUMNS = ["Figure", "Theme", "Period", "Before", "After", "Source before", "Source after"]
NO_HEADLINE = "No outcome with a number reported yet"
OBSERVATION_COLUMNS = [
    "Indicator", "Theme", "Kind", "Value", "Unit", "Qualifier", "As stated", "Period", "Measure", "Source", "Note",
]  # fmt: skip


@pytest.fixture(scope="module")
def layer(fixture_layer) -> DataLayer:
    """The fixture folder's layer (tests/conftest.py), by the name every test here uses."""
    return fixture_layer


@pytest.fixture(scope="module")
def next_layer() -> DataLayer:
    """The next-edition fixture as known on its newest edition, 2026-01-20."""
    return load_data_layer(NEXT)


# --- helpers ---------------------------------------------------------------------------------


def rows(table: pd.DataFrame, *columns: str) -> list[list]:
    return table[list(columns)].values.tolist()


def remove_observations(folder: Path, indicators: Collection[str] = (), ids: Collection[str] = ()) -> None:
    """Drop from a copy of the fixture every observation of `indicators` and those with the given `ids`."""
    for path in (folder / "observations").glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["observations"] = [
            o for o in document["observations"] if o["indicator"] not in indicators and o["id"] not in ids
        ]
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")


def group_rows(groups: list, *columns: str) -> dict[str, list[list]]:
    """The tracker as status -> its rows' `columns`, in the order the groups come."""
    return {group.status: rows(group.targets, *columns) for group in groups}


def status_counts(view) -> dict[str, int]:
    """The overview's scorecard as status -> count, in the order it shows them."""
    return {card.status: card.count for card in view.scorecard}


ONLY_TARGETS = "No outcome has been reported yet for this period: the ticks are the targets."
NOT_IN_PERCENT = "Not on the chart (given as a multiple, not a percent): "


def not_in_percent(view) -> list[str]:
    """The growth figures the page names below the chart because a percent axis cannot show them."""
    return [note.removeprefix(NOT_IN_PERCENT) for note in view.notes if note.startswith(NOT_IN_PERCENT)]


def sections_of(page) -> list[str]:
    """A theme page's sections, as its summary line names them."""
    return page.summary.split(" · ")


def add_growth_as_a_multiple(folder: Path, period: str, note: str = "") -> None:
    """Add to a copy of the fixture an industry growth rate given as "more than 2×" for `period`."""
    with (folder / "units.yaml").open("a", encoding="utf-8") as units:
        units.write('  - id: times\n    label: Times\n    symbol: "×"\n')
    with (folder / "indicators.yaml").open("a", encoding="utf-8") as indicators:
        indicators.write(
            "  - id: clean_tech_exports_growth\n    name: Clean-tech exports growth\n    theme: industry\n"
            "    unit: times\n    measure: yoy_growth\n    description: Exports as a multiple of the year before.\n"
        )
    with (folder / "observations" / "fx2_review_2024.yaml").open("a", encoding="utf-8") as observations:
        observations.write(
            "  - id: fx2-clean-tech-exports-growth\n    indicator: clean_tech_exports_growth\n    value: 2\n"
            f'    qualifier: more than\n    kind: outcome\n    period: "{period}"\n'
            + (f"    note: {note}\n" if note else "")
        )


def every_chart(layer: DataLayer) -> list[ChartView]:
    everything = choice_for(layer)
    views = [overview(layer, everything).coverage, plan_vs_outcome(layer, everything).chart]
    views += [growth(layer, everything, period).chart for period in growth(layer, everything).periods]
    views += [chart for theme in THEME_LABELS for _, chart in theme_page(layer, everything, theme).charts]
    return [view for view in views if view is not None]


# --- every chart -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "count"),
    [
        # Coverage, plan, three growth periods; energy growth and shares, industry growth, ecology
        # shares. No theme has two compared pairs, so no theme charts its targets.
        (FIXTURE, 9),
        # The same, and industry and ecology each chart their two compared pairs.
        (NEXT, 11),
    ],
    ids=["small", "next_edition"],
)
def test_every_chart_has_a_text_alternative_and_a_spec(folder, count):
    views = every_chart(load_data_layer(folder))
    assert len(views) == count
    for view in views:
        assert re.match(r"(Bar|Dumbbell) chart of \d+ ", view.description), view.name
        assert view.spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/"), view.name
        assert not view.table.empty, view.name


def test_a_chart_s_screen_table_has_only_the_shown_columns_and_its_csv_all(layer):
    plan = plan_vs_outcome(layer, choice_for(layer)).chart
    assert list(plan.table.columns) == PAIR_COLUMNS
    assert list(plan.screen_table.columns) == PAIR_SCREEN_COLUMNS
    assert len(plan.screen_table) == len(plan.table) == 3  # the compared pairs only
    rates = growth(layer, choice_for(layer)).chart
    assert list(rates.table.columns) == TARGET_ROW_COLUMNS
    assert list(rates.screen_table.columns) == TARGET_ROW_SCREEN_COLUMNS
    coverage = overview(layer, choice_for(layer)).coverage
    # Every column of the coverage chart is shown; the sources behind each row are in the CSV only.
    assert list(coverage.screen_table.columns) == ["Theme", "Kind", "Figures"]
    assert list(coverage.table.columns) == ["Theme", "Kind", "Figures", *SOURCE_COLUMNS]


# --- overview ----------------------------------------------------------------------------------


def test_overview_headline_table_has_the_reader_headers(layer):
    assert list(HEADLINE_HEADERS.values()) == HEADLINE_COLUMNS
    assert list(overview(layer, choice_for(layer)).headlines.columns) == HEADLINE_COLUMNS


def test_overview_of_one_theme_counts_and_shows_only_that_theme(layer):
    view = overview(layer, choice_for(layer, ("energy",)))
    # Clean power share achieved; the gas rank and the mines to build not comparable; wind and solar
    # for 2024 not reported, as 2024 has ended.
    assert {status: n for status, n in status_counts(view).items() if n} == {
        "achieved": 1, "not comparable": 2, "not reported": 1,
    }  # fmt: skip
    assert list(status_counts(view)) == list(STATUSES)
    assert view.headlines.values.tolist() == [
        ["Energy", "Smart coal mines in operation", "310", "as of 2024-12-31", REVIEW],
        ["Energy", "Clean power share of generating capacity", "more than 46%", "2024", REVIEW],
        ["Energy", "Coalbed gas output", "more than 12 billion m³", "2024", REVIEW],
    ]
    assert rows(view.coverage.table, "Theme", "Kind", "Figures") == [["Energy", "outcome", 5], ["Energy", "target", 4]]
    assert view.coverage.description == "Bar chart of 9 figures across 1 themes: 5 outcomes and 4 targets."


def test_overview_of_every_theme(layer):
    view = overview(layer, choice_for(layer))
    assert status_counts(view) == {
        "achieved": 2, "missed": 1, "not comparable": 2, "pending": 2, "not reported": 1,
    }  # fmt: skip
    assert rows(view.headlines, "Theme", "Figure") == [
        ["Energy", "Smart coal mines in operation"],
        ["Energy", "Clean power share of generating capacity"],
        ["Energy", "Coalbed gas output"],
        ["Industry", "Industrial output growth"],
        ["Industry", "Change in national high-tech rank"],
        ["Industry", "Manufacturing revenue"],
        ["Ecology", "Average PM2.5 concentration"],
        ["Ecology", "Share of days with good air"],
    ]  # every theme has a numeric outcome, so none needs a "no outcome" row
    assert view.coverage.name == "Figures by theme"
    assert rows(view.coverage.table, "Theme", "Kind", "Figures") == [
        ["Energy", "outcome", 5], ["Energy", "target", 4],
        ["Industry", "outcome", 4], ["Industry", "target", 2],
        ["Ecology", "outcome", 3], ["Ecology", "target", 2],
    ]  # fmt: skip
    assert view.coverage.description == "Bar chart of 20 figures across 3 themes: 12 outcomes and 8 targets."


def test_overview_names_the_newest_source_whatever_the_themes(layer):
    # The review's latest date (posted 2025-01-22), not its edition day or the plan's.
    newest = f"Newest source: {REVIEW} (Fixture Weekly (invented)), dated 22 January 2025."
    assert overview(layer, choice_for(layer)).newest_source == newest
    assert overview(layer, choice_for(layer, ("ecology",))).newest_source == newest


def test_overview_of_an_earlier_edition_says_which_themes_have_no_numeric_outcome_yet(layer):
    # On 2024-01-20 the plan (targets only) and the undated brief are public: energy has targets
    # but no outcome, so it keeps its place in the table with a row saying so.
    earlier = edition(layer, date(2024, 1, 20))
    view = overview(earlier, choice_for(earlier))
    assert view.headlines.values.tolist() == [
        ["Energy", NO_HEADLINE, "", "", ""],
        ["Industry", "Industrial output growth", "7.2%", "Q1 2023 (inferred)", BRIEF],
        ["Ecology", "Average PM2.5 concentration", "52 µg/m³", "Dec 2023–Feb 2024 (inferred)", BRIEF],
    ]
    assert status_counts(view) == {
        "achieved": 0, "missed": 0, "not comparable": 0, "pending": 6, "not reported": 0,
    }  # fmt: skip
    only_energy = overview(earlier, choice_for(earlier, ("energy",)))
    assert only_energy.headlines.values.tolist() == [["Energy", NO_HEADLINE, "", "", ""]]


def test_overview_of_a_theme_with_only_a_place_among_the_top_says_it_has_no_numeric_outcome(data_copy):
    # Energy keeps its targets and its gas rank "among the top", but loses every outcome with a number.
    numeric = {"fx2-clean-power-share-2024", "fx2-gas-output-2024", "fx2-power-generation-growth-2024"}
    remove_observations(data_copy, ids=numeric | {"fx2-smart-mines-2024"})
    layer = load_data_layer(data_copy)
    view = overview(layer, choice_for(layer))
    assert rows(view.headlines, "Theme", "Figure", "Value") == [
        ["Energy", NO_HEADLINE, ""],  # in the theme's place, not at the end
        ["Industry", "Industrial output growth", "5.4%"],
        ["Industry", "Change in national high-tech rank", "3 places"],
        ["Industry", "Manufacturing revenue", "1.2345 trillion yuan"],
        ["Ecology", "Average PM2.5 concentration", "36 µg/m³"],
        ["Ecology", "Share of days with good air", "about 75%"],
    ]
    assert VIEW_NO_HEADLINE == NO_HEADLINE


def test_overview_of_a_theme_with_only_targets_says_it_has_no_numeric_outcome(data_copy):
    remove_observations(data_copy, ids={"fx3-pm25-heating-season", "fx2-pm25-2024", "fx2-good-air-days-2024"})
    layer = load_data_layer(data_copy)
    assert overview(layer, choice_for(layer)).headlines.values.tolist()[-1] == ["Ecology", NO_HEADLINE, "", "", ""]
    ecology = overview(layer, choice_for(layer, ("ecology",)))
    assert ecology.headlines.values.tolist() == [["Ecology", NO_HEADLINE, "", "", ""]]
    assert rows(ecology.coverage.table, "Theme", "Kind", "Figures") == [["Ecology", "target", 2]]


def test_overview_of_the_next_edition_shows_its_new_outcomes(next_layer):
    view = overview(next_layer, choice_for(next_layer, ("industry", "ecology")))
    assert rows(view.headlines, "Figure", "Value", "Period", "Source") == [
        ["Industrial output growth", "5.9%", "2025", REVIEW_2025],  # the newest period, no longer 2024's 5.4%
        ["Change in national high-tech rank", "3 places", "2024", REVIEW],
        ["Manufacturing revenue", "1.2345 trillion yuan", "Jan–Nov 2024", REVIEW],
        ["Average PM2.5 concentration", "36 µg/m³", "2024", REVIEW],
        ["Share of days with good air", "76%", "2025", REVIEW_2025],
    ]
    assert status_counts(view) == {
        "achieved": 2, "missed": 2, "not comparable": 0, "pending": 0, "not reported": 0,
    }  # fmt: skip


def test_overview_headline_shows_the_restated_value_of_a_figure(next_layer):
    headlines = overview(next_layer, choice_for(next_layer, ("energy",))).headlines
    assert headlines.values.tolist()[0] == [
        "Energy", "Smart coal mines in operation", "312", "as of 2024-12-31", REVIEW_2025,
    ]  # fmt: skip


def test_overview_of_sources_without_dates_names_the_first_with_no_date(data_copy):
    sources = data_copy / "sources.yaml"
    note = "    dates: []\n    date_note: This copy gives no dates.\n"
    edit(sources, "    dates:\n      - {date: 2024-01-20, what: published, what_zh: 发布}\n", note)
    edit(sources, "    dates:\n      - {date: 2025-01-15, what: work report delivered, what_zh: 作工作报告}\n", note)
    edit(sources, "      - {date: 2025-01-22, what: posted, what_zh: 发布}\n", "")
    layer = load_data_layer(data_copy)
    assert overview(layer, choice_for(layer)).newest_source == f"Newest source: {PLAN} (Fixture Daily (invented))."


def test_overview_of_an_unknown_theme_has_no_chart_and_no_figures(layer):
    view = overview(layer, choice_for(layer, ("nowhere",)))
    assert view.coverage is None
    assert view.headlines.empty
    assert list(view.headlines.columns) == HEADLINE_COLUMNS
    assert status_counts(view) == dict.fromkeys(STATUSES, 0)


# --- plan vs outcome ---------------------------------------------------------------------------


def test_plan_vs_outcome_with_no_choice_shows_every_target_judged_on_the_newest_edition(layer):
    view = plan_vs_outcome(layer, choice_for(layer))
    # The review's edition, the newest.
    assert view.intro.header.edition_line.startswith("As known on 15 January 2025 (the newest edition).")
    assert rows(view.pairs, "target_id", "target_label", "outcome_label", "status") == [
        ["fx1-clean-power-share-2024", "45%", "more than 46%", "achieved"],
        ["fx1-gas-rank-2024", "No. 3", "among the top", "not comparable"],
        ["fx1-smart-mines-built-2024", "120", "310", "not comparable"],
        ["fx1-wind-solar-added-2024", "8 million kW", "", "not reported"],  # 2024 has ended
        ["fx1-industrial-growth-2024", "more than 6%", "5.4%", "missed"],
        ["fx2-industrial-growth-2025", "about 6%", "", "pending"],  # 2025 has not
        ["fx1-pm25-2024", "38 µg/m³", "36 µg/m³", "achieved"],
        ["fx2-good-air-days-2025", "at least 78%", "", "pending"],
    ]
    # The chart has only the three pairs with numbers on both sides.
    assert view.chart.name == "Plan vs outcome"
    assert view.chart.description == (
        "Dumbbell chart of 3 targets, each scaled to 100, with comparable outcomes as dots: 2 achieved, 1 missed."
    )
    assert rows(view.chart.table, "Indicator", "Period", "Target", "Outcome", "Status") == [
        ["Clean power share of generating capacity", "2024", "45%", "more than 46%", "achieved"],
        ["Industrial output growth", "2024", "more than 6%", "5.4%", "missed"],
        ["Average PM2.5 concentration", "2024", "38 µg/m³", "36 µg/m³", "achieved"],
    ]


def test_plan_vs_outcome_of_an_earlier_edition_judges_every_target_on_that_day(layer):
    earlier = edition(layer, date(2024, 1, 20))
    view = plan_vs_outcome(earlier, choice_for(earlier))
    assert view.intro.header.edition_line.startswith("As known on 20 January 2024 (newest edition: 15 January 2025).")
    # Only the plan's six 2024 targets are public, and 2024 has only begun.
    assert [group.status for group in view.groups] == ["pending"]
    assert len(view.groups[0].targets) == 6
    assert view.chart is None


def test_status_badges_give_a_mark_and_the_word():
    assert [status_badge(status) for status in STATUSES] == [
        "✔ achieved", "✘ missed", "≠ not comparable", "… pending", "? not reported",
    ]  # fmt: skip


def test_the_tracker_lists_every_target_under_its_status_in_status_order(layer):
    groups = plan_vs_outcome(layer, choice_for(layer)).groups
    assert [(group.status, group.badge) for group in groups] == [
        ("achieved", "✔ achieved"), ("missed", "✘ missed"), ("not comparable", "≠ not comparable"),
        ("pending", "… pending"), ("not reported", "? not reported"),
    ]  # fmt: skip
    for group in groups:
        assert list(group.targets.columns) == TRACKER_COLUMNS
    # Within a status, by theme in themes.yaml's order (energy, industry, ecology), then by promise.
    assert group_rows(groups, *TRACKER_COLUMNS) == {
        "achieved": [
            [
                "✔ achieved", "Clean power share of generating capacity", "45%", "more than 46%", "2024",
                "more than +1 pp (+2.2%)", f"{PLAN}; {REVIEW}",
            ],
            [
                "✔ achieved", "Average PM2.5 concentration", "38 µg/m³", "36 µg/m³", "2024",
                "-2 µg/m³ (-5.3%)", f"{PLAN}; {REVIEW}",
            ],
        ],
        "missed": [
            [
                "✘ missed", "Industrial output growth", "more than 6%", "5.4%", "2024", "-0.6 pp (-10.0%)",
                f"{PLAN}; {REVIEW}",
            ],
        ],
        "not comparable": [
            [
                "≠ not comparable", "National rank in coalbed gas output", "No. 3", "among the top", "2024", "",
                f"{PLAN}; {REVIEW}",
            ],
            [
                "≠ not comparable", "Smart coal mines to build in the year", "120", "310", "2024", "",
                f"{PLAN}; {REVIEW}",
            ],
        ],
        "pending": [
            ["… pending", "Industrial output growth", "about 6%", "", "2025", "", REVIEW],
            ["… pending", "Share of days with good air", "at least 78%", "", "2025", "", REVIEW],
        ],
        "not reported": [["? not reported", "Wind and solar capacity added", "8 million kW", "", "2024", "", PLAN]],
    }  # fmt: skip


def test_the_tracker_sorts_by_theme_then_promise_not_by_the_data_s_order(data_copy):
    # Renamed, the mines to build sort before the gas rank, which comes first in the plan's file.
    edit(data_copy / "indicators.yaml", "name: Smart coal mines to build in the year", "name: Coal mines to build")
    layer = load_data_layer(data_copy)
    groups = plan_vs_outcome(layer, choice_for(layer)).groups
    assert group_rows(groups, "Promise")["not comparable"] == [
        ["Coal mines to build"],
        ["National rank in coalbed gas output"],
    ]


def test_the_tracker_names_a_source_behind_both_target_and_outcome_once(data_copy):
    # The review also states the 2024 power generation target it reports the outcome of (4.1%).
    with (data_copy / "observations" / "fx2_review_2024.yaml").open("a", encoding="utf-8") as observations:
        observations.write(
            "  - id: fx2-power-generation-growth-target-2024\n    indicator: power_generation_growth\n"
            '    value: 4\n    kind: target\n    period: "2024"\n'
        )
    layer = load_data_layer(data_copy)
    groups = plan_vs_outcome(layer, choice_for(layer)).groups
    assert group_rows(groups, "Promise", "Sources")["achieved"] == [
        ["Clean power share of generating capacity", f"{PLAN}; {REVIEW}"],
        ["Power generation growth", REVIEW],  # not "review; review"
        ["Average PM2.5 concentration", f"{PLAN}; {REVIEW}"],
    ]


def test_plan_vs_outcome_keeps_the_chosen_statuses(layer):
    pending = plan_vs_outcome(layer, choice_for(layer), ("pending",))
    assert rows(pending.pairs, "indicator", "period") == [
        ["Industrial output growth", "2025"],
        ["Share of days with good air", "2025"],
    ]
    assert [group.status for group in pending.groups] == ["pending"]
    assert pending.chart is None  # nothing to compare yet
    # The groups keep the status order, not the order the statuses were chosen in.
    two = plan_vs_outcome(layer, choice_for(layer), ("not reported", "missed"))
    assert rows(two.pairs, "indicator", "period") == [
        ["Wind and solar capacity added", "2024"],
        ["Industrial output growth", "2024"],
    ]
    assert group_rows(two.groups, "Promise", "Period") == {
        "missed": [["Industrial output growth", "2024"]],
        "not reported": [["Wind and solar capacity added", "2024"]],
    }


def test_plan_vs_outcome_keeps_the_chosen_themes(layer):
    ecology = plan_vs_outcome(layer, choice_for(layer, ("ecology",)))
    assert rows(ecology.pairs, "indicator", "period") == [
        ["Average PM2.5 concentration", "2024"],
        ["Share of days with good air", "2025"],
    ]
    assert group_rows(ecology.groups, "Promise") == {
        "achieved": [["Average PM2.5 concentration"]],
        "pending": [["Share of days with good air"]],
    }
    both = plan_vs_outcome(layer, choice_for(layer, ("ecology",)), ("pending",))
    assert rows(both.pairs, "indicator", "period") == [["Share of days with good air", "2025"]]
    assert len(plan_vs_outcome(layer, choice_for(layer, ("industry", "ecology"))).pairs) == 4


@pytest.mark.parametrize(
    ("themes", "statuses"),
    [
        (("energy",), ()),  # clean power share; the rest not comparable or not reported
        (("industry",), ()),  # the 2024 growth; 2025 is pending
        (("ecology",), ()),  # PM2.5; good air days are pending
        ((), ("missed",)),
        ((), ("missed", "pending", "not comparable")),
    ],
)
def test_plan_vs_outcome_with_one_compared_pair_has_the_list_but_no_chart(layer, themes, statuses):
    view = plan_vs_outcome(layer, choice_for(layer, themes), statuses)
    assert view.chart is None
    assert view.groups, "the tracker still lists the targets"
    assert sum(len(group.targets) for group in view.groups) == len(view.pairs)


def test_plan_vs_outcome_charts_two_compared_pairs(layer):
    view = plan_vs_outcome(layer, choice_for(layer), ("achieved",))
    assert rows(view.chart.table, "Indicator", "Status") == [
        ["Clean power share of generating capacity", "achieved"],
        ["Average PM2.5 concentration", "achieved"],
    ]


def test_plan_vs_outcome_of_the_next_edition_charts_the_pairs_it_can_now_compare(next_layer):
    view = plan_vs_outcome(next_layer, choice_for(next_layer))
    assert view.intro.header.edition_line.startswith("As known on 20 January 2026 (the newest edition).")
    assert rows(view.chart.table, "Indicator", "Period", "Outcome", "Status") == [
        ["Clean power share of generating capacity", "2024", "more than 46%", "achieved"],
        ["Industrial output growth", "2024", "5.4%", "missed"],
        ["Industrial output growth", "2025", "5.9%", "achieved"],  # within 2% of "about 6%"
        ["Average PM2.5 concentration", "2024", "36 µg/m³", "achieved"],
        ["Share of days with good air", "2025", "76%", "missed"],
    ]
    assert group_rows(view.groups, "Promise", "Period", "Sources")["achieved"] == [
        ["Clean power share of generating capacity", "2024", f"{PLAN}; {REVIEW}"],
        ["Industrial output growth", "2025", f"{REVIEW}; {REVIEW_2025}"],
        ["Average PM2.5 concentration", "2024", f"{PLAN}; {REVIEW}"],
    ]
    assert [group.status for group in view.groups] == ["achieved", "missed", "not comparable", "not reported"]


@pytest.mark.parametrize(
    ("themes", "statuses"), [(("nowhere",), ()), (("ecology",), ("missed",)), (("industry",), ("not comparable",))]
)
def test_plan_vs_outcome_with_nothing_matching_has_no_chart_and_no_caveats(layer, themes, statuses):
    view = plan_vs_outcome(layer, choice_for(layer, themes), statuses)
    assert view.pairs.empty
    assert view.groups == []
    assert view.chart is None
    assert view.caveats == []


def test_plan_vs_outcome_says_why_it_is_empty_naming_a_filter_only_when_one_is_set(layer):
    first = edition(layer, date(2023, 4, 20))  # only the undated brief, which sets no target
    assert plan_vs_outcome(first, choice_for(first)).empty == "No targets were public on this date."
    assert plan_vs_outcome(layer, choice_for(layer, ("nowhere",))).empty == (
        "No targets for the chosen themes and statuses. Clear the status pills or widen the theme filter."
    )
    assert plan_vs_outcome(first, choice_for(first), ("missed",)).empty.startswith("No targets for the chosen")
    assert plan_vs_outcome(layer, choice_for(layer)).empty == ""


def test_caveats_list_the_hedged_and_not_comparable_pairs_in_plain_text(layer):
    caveats = plan_vs_outcome(layer, choice_for(layer)).caveats
    # Not the wind and solar target (no hedge, no outcome) nor PM2.5 (exact on both sides).
    assert [caveat.heading for caveat in caveats] == [
        "Clean power share of generating capacity, 2024",  # the outcome is "more than"
        "National rank in coalbed gas output, 2024",  # "among the top"
        "Smart coal mines to build in the year, 2024",  # linked to another indicator
        "Industrial output growth, 2024",  # the target is "more than"
        "Industrial output growth, 2025",  # the target is "about"
        "Share of days with good air, 2025",  # the target is "at least"
    ]
    text = {caveat.heading: caveat.text for caveat in caveats}
    # The reason a pair is not comparable comes from indicators.yaml, word for word; the outcome
    # names the indicator it measures, which here is another one.
    assert text["Smart coal mines to build in the year, 2024"] == (
        "target 120; outcome 310 (Smart coal mines in operation). The target counts mines to build during the "
        "year; the reported figure is the total in operation, including mines built in earlier years."
    )
    assert text["Clean power share of generating capacity, 2024"].startswith(
        "target 45%; outcome more than 46% (Clean power share of generating capacity). "
    )
    assert text["Industrial output growth, 2024"].startswith("target more than 6%; outcome 5.4% (Industrial output")
    assert text["Industrial output growth, 2025"].startswith("target about 6%. ")  # no outcome to name
    assert text["Share of days with good air, 2025"].startswith("target at least 78%. ")
    for caveat in caveats:  # plain text: each presentation escapes for its own medium
        assert "\\" not in caveat.heading + caveat.text
        assert "**" not in caveat.heading + caveat.text


def test_caveats_follow_the_filter(layer):
    caveats = plan_vs_outcome(layer, choice_for(layer, ("ecology",))).caveats
    assert [caveat.heading for caveat in caveats] == ["Share of days with good air, 2025"]
    pending = plan_vs_outcome(layer, choice_for(layer, ("ecology",)), ("pending",)).caveats
    assert [caveat.heading for caveat in pending] == ["Share of days with good air, 2025"]
    assert plan_vs_outcome(layer, choice_for(layer, ("energy",)), ("not reported",)).caveats == []  # wind and solar


def test_caveat_headings_and_the_tracker_give_the_period_as_labelled(data_copy):
    gas_rank_target = '    indicator: coalbed_gas_rank\n    value: 3\n    kind: target\n    period: "2024"\n'
    plan = data_copy / "observations" / "fx1_plan_2024.yaml"
    edit(plan, gas_rank_target, gas_rank_target + "    period_inferred: true\n")
    layer = load_data_layer(data_copy)
    view = plan_vs_outcome(layer, choice_for(layer, ("energy",)), ("not comparable",))
    assert [caveat.heading for caveat in view.caveats] == [
        "National rank in coalbed gas output, 2024 (inferred)",
        "Smart coal mines to build in the year, 2024",
    ]
    assert group_rows(view.groups, "Period") == {"not comparable": [["2024 (inferred)"], ["2024"]]}


def test_caveats_keep_markdown_characters_as_written(data_copy):
    edit(
        data_copy / "indicators.yaml",
        "name: Smart coal mines to build in the year",
        "name: '*Smart* coal_mines [to build] in the year'",
    )
    layer = load_data_layer(data_copy)
    caveats = plan_vs_outcome(layer, choice_for(layer, ("energy",)), ("not comparable",)).caveats
    assert "*Smart* coal_mines [to build] in the year, 2024" in [caveat.heading for caveat in caveats]


# --- growth ------------------------------------------------------------------------------------


def test_growth_lists_its_periods_and_opens_the_newest_with_outcomes(layer):
    view = growth(layer, choice_for(layer))
    assert view.periods == GROWTH_PERIODS
    assert {period: view.period_labels[period] for period in GROWTH_PERIODS} == {
        "2024": "2024", "2023-Q1": "Q1 2023 (inferred)", "2025": "2025",
    }  # fmt: skip
    assert view.chart.name == "Growth rates 2024"
    assert view.chart.spec["title"]["text"] == "Growth rates, 2024"
    assert view.chart.description == (
        "Bar chart of 2 growth rates for 2024, highest Industrial output growth at 5.4% (2024); 1 targets marked "
        "as ticks."
    )
    assert rows(view.chart.table, "Indicator", "Outcome as stated", "Target as stated", "Source") == [
        ["Industrial output growth", "5.4%", "more than 6%", f"{REVIEW}; {PLAN}"],
        ["Power generation growth", "4.1%", "", REVIEW],
    ]
    assert view.notes == []  # neither only targets nor growth outside percent


def test_growth_of_a_period_with_only_targets_says_so(layer):
    view = growth(layer, choice_for(layer), "2025")
    assert view.notes == [ONLY_TARGETS]
    assert rows(view.chart.table, "Indicator", "Period", "Outcome as stated", "Target as stated") == [
        ["Industrial output growth", "2025", "", "about 6%"],
    ]
    assert view.periods == GROWTH_PERIODS  # the list does not move with the choice


def test_growth_of_an_inferred_period_labels_it_so(layer):
    view = growth(layer, choice_for(layer), "2023-Q1")
    assert view.chart.spec["title"]["text"] == "Growth rates, Q1 2023 (inferred)"
    assert rows(view.chart.table, "Indicator", "Period", "Outcome as stated") == [
        ["Industrial output growth", "Q1 2023 (inferred)", "7.2%"],
    ]
    assert ONLY_TARGETS not in view.notes


def test_growth_follows_the_theme_filter_but_offers_every_period(layer):
    energy = growth(layer, choice_for(layer, ("energy",)))
    assert rows(energy.chart.table, "Indicator", "Theme") == [["Power generation growth", "Energy"]]
    ecology = growth(layer, choice_for(layer, ("ecology",)), "2024")
    assert ecology.chart is None
    assert ecology.empty.startswith("No growth rates in 2024 for the chosen themes.")
    assert ONLY_TARGETS not in ecology.notes
    assert ecology.periods == GROWTH_PERIODS


def test_growth_given_as_a_multiple_is_named_in_words(data_copy):
    add_growth_as_a_multiple(data_copy, "2024", note="Given as a multiple of the year before.")
    layer = load_data_layer(data_copy)
    view = growth(layer, choice_for(layer), "2024")
    expected = "Clean-tech exports growth, 2024: more than 2×. Given as a multiple of the year before."
    assert not_in_percent(view) == [expected]
    assert view.notes == [NOT_IN_PERCENT + expected]  # said as a note below the chart
    assert "Clean-tech exports growth" not in set(view.chart.table["Indicator"])  # no percent to draw
    assert not_in_percent(growth(layer, choice_for(layer, ("energy",)), "2024")) == []  # an industry figure
    # Listed whatever period is chosen: a percent axis can show no multiple of any period.
    assert not_in_percent(growth(layer, choice_for(layer), "2025")) == [expected]
    assert not_in_percent(growth(layer, choice_for(layer, ("industry",)), "2023-Q1")) == [expected]


def test_growth_as_a_multiple_without_a_note_ends_at_its_value(data_copy):
    add_growth_as_a_multiple(data_copy, "2024")
    layer = load_data_layer(data_copy)
    view = growth(layer, choice_for(layer))
    assert not_in_percent(view) == ["Clean-tech exports growth, 2024: more than 2×."]


def test_growth_as_a_multiple_in_a_period_without_percent_growth_is_still_shown(data_copy):
    add_growth_as_a_multiple(data_copy, "2023")
    layer = load_data_layer(data_copy)
    offered = growth(layer, choice_for(layer)).periods
    assert offered == GROWTH_PERIODS  # 2023 has no percent growth, so it is not offered
    for period in offered:  # yet the multiple is named whichever period the reader opens
        assert not_in_percent(growth(layer, choice_for(layer), period)) == [
            "Clean-tech exports growth, 2023: more than 2×."
        ]


def test_growth_with_no_growth_figures_at_all_is_empty_not_an_error(data_copy):
    remove_observations(data_copy, {"power_generation_growth", "industrial_output_growth"})
    layer = load_data_layer(data_copy)
    view = growth(layer, choice_for(layer))
    assert view.periods == []
    assert view.chart is None
    assert view.notes == []  # no "only targets" and nothing outside percent
    assert link_values(layer, choice_for(layer)).periods == []


# --- themes ------------------------------------------------------------------------------------


def test_theme_choices_are_every_theme_when_none_is_chosen(layer):
    assert list(theme_choice(layer, choice_for(layer)).themes.items()) == list(THEME_LABELS.items())


def test_theme_choices_are_the_chosen_themes_in_the_chosen_order(layer):
    assert list(theme_choice(layer, choice_for(layer, ("ecology", "energy"))).themes.items()) == [
        ("ecology", "Ecology"),
        ("energy", "Energy"),
    ]


def test_theme_choices_ignore_unknown_ids(layer):
    assert theme_choice(layer, choice_for(layer, ("nowhere", "industry"))).themes == {"industry": "Industry"}
    assert list(theme_choice(layer, choice_for(layer, ("nowhere",))).themes.items()) == list(THEME_LABELS.items())


def test_energy_page(layer):
    page = theme_page(layer, choice_for(layer), "energy")
    assert (page.label, page.description) == ("Energy", "Invented fixture theme for power, mines and gas.")
    # One compared pair (clean power share) is not enough to chart: the targets are the list alone.
    assert sections_of(page) == ["Targets", "Growth rates", "Shares", "Levels and counts", "Ranks"]
    assert [(group.status, group.badge) for group in page.targets] == [
        ("achieved", "✔ achieved"), ("not comparable", "≠ not comparable"), ("not reported", "? not reported"),
    ]  # fmt: skip
    assert [list(group.targets.columns) for group in page.targets] == [TRACKER_COLUMNS] * 3
    assert group_rows(page.targets, "Promise", "Outcome as stated") == {
        "achieved": [["Clean power share of generating capacity", "more than 46%"]],
        "not comparable": [["National rank in coalbed gas output", "among the top"],
                           ["Smart coal mines to build in the year", "310"]],
        "not reported": [["Wind and solar capacity added", ""]],
    }  # fmt: skip
    charts = dict(page.charts)
    assert [view.name for view in charts.values()] == ["energy Growth rates", "energy Shares"]
    assert charts["Growth rates"].spec["title"]["text"] == "Energy: growth rates"
    assert rows(charts["Growth rates"].table, "Indicator", "Period", "Outcome as stated") == [
        ["Power generation growth", "2024", "4.1%"],
    ]
    assert charts["Shares"].description == (
        "Bar chart of 1 shares, highest Clean power share of generating capacity at more than 46% (2024); "
        "1 targets marked as ticks."
    )
    assert list(charts["Shares"].screen_table.columns) == TARGET_ROW_SCREEN_COLUMNS
    tables = dict(page.tables)
    assert list(tables["Levels and counts"].columns) == FIGURE_COLUMNS
    assert tables["Levels and counts"].values.tolist() == [
        ["Coalbed gas output", "more than 12 billion m³", "2024", REVIEW, ""],
        ["Smart coal mines in operation", "310", "as of 2024-12-31", REVIEW, ""],
    ]
    ranks = tables["Ranks"].values.tolist()
    assert ranks == [["National rank in coalbed gas output", "among the top", "2024", REVIEW, ""]]


def test_industry_page(layer):
    page = theme_page(layer, choice_for(layer), "industry")
    assert (page.label, page.description) == ("Industry", "Invented fixture theme for output, revenue and rank.")
    assert sections_of(page) == ["Targets", "Growth rates", "Levels and counts", "Ranks"]  # no shares
    assert group_rows(page.targets, "Status", "Promise", "Period") == {
        "missed": [["✘ missed", "Industrial output growth", "2024"]],
        "pending": [["… pending", "Industrial output growth", "2025"]],
    }
    charts = dict(page.charts)
    assert rows(charts["Growth rates"].table, "Period", "Outcome as stated", "Target as stated") == [
        ["Q1 2023 (inferred)", "7.2%", ""],
        ["2025", "", "about 6%"],
        ["2024", "5.4%", "more than 6%"],
    ]
    tables = dict(page.tables)
    assert tables["Levels and counts"].values.tolist() == [
        ["Manufacturing revenue", "1.2345 trillion yuan", "Jan–Nov 2024", REVIEW, ""],
    ]
    assert tables["Ranks"].values.tolist() == [["Change in national high-tech rank", "3 places", "2024", REVIEW, ""]]


def test_ecology_page(layer):
    page = theme_page(layer, choice_for(layer), "ecology")
    assert page.label == "Ecology"
    assert page.description == "Invented fixture theme for air quality, where lower PM2.5 is better."
    assert sections_of(page) == ["Targets", "Shares", "Levels and counts"]  # no growth, no ranks
    assert group_rows(page.targets, "Promise", "Target as stated", "Sources") == {
        "achieved": [["Average PM2.5 concentration", "38 µg/m³", f"{PLAN}; {REVIEW}"]],
        "pending": [["Share of days with good air", "at least 78%", REVIEW]],
    }
    charts = dict(page.charts)
    assert "Targets against outcomes" not in charts  # one compared pair
    assert rows(charts["Shares"].table, "Period", "Outcome as stated", "Target as stated") == [
        ["2025", "", "at least 78%"],
        ["2024", "about 75%", ""],
    ]
    assert dict(page.tables)["Levels and counts"].values.tolist() == [
        ["Average PM2.5 concentration", "36 µg/m³", "2024", REVIEW, ""],
        [
            "Average PM2.5 concentration", "52 µg/m³", "Dec 2023–Feb 2024 (inferred)", BRIEF,
            "The winter heating season, when the air is worst.",
        ],
    ]  # fmt: skip


def test_a_theme_with_two_compared_pairs_charts_its_targets_against_outcomes(next_layer):
    # In the next edition industry's 2025 growth (5.9% against about 6%) joins 2024 (5.4% against
    # more than 6%): two pairs with numbers on both sides.
    page = theme_page(next_layer, choice_for(next_layer), "industry")
    assert sections_of(page) == ["Targets", "Targets against outcomes", "Growth rates", "Levels and counts", "Ranks"]
    assert group_rows(page.targets, "Promise", "Period", "Outcome as stated") == {
        "achieved": [["Industrial output growth", "2025", "5.9%"]],
        "missed": [["Industrial output growth", "2024", "5.4%"]],
    }
    compared = dict(page.charts)["Targets against outcomes"]
    assert compared.name == "industry targets"
    assert compared.description == (
        "Dumbbell chart of 2 targets, each scaled to 100, with comparable outcomes as dots: 1 achieved, 1 missed."
    )
    assert rows(compared.table, "Period", "Target", "Outcome", "Status") == [
        ["2024", "more than 6%", "5.4%", "missed"],
        ["2025", "about 6%", "5.9%", "achieved"],
    ]
    assert list(compared.screen_table.columns) == PAIR_SCREEN_COLUMNS
    ecology = theme_page(next_layer, choice_for(next_layer), "ecology")
    assert sections_of(ecology) == ["Targets", "Targets against outcomes", "Shares", "Levels and counts"]
    energy = theme_page(next_layer, choice_for(next_layer), "energy")
    assert "Targets against outcomes" not in sections_of(energy)  # still one


def test_a_theme_without_targets_has_no_targets_section(data_copy):
    remove_observations(data_copy, ids={"fx1-pm25-2024", "fx2-good-air-days-2025"})
    layer = load_data_layer(data_copy)
    page = theme_page(layer, choice_for(layer), "ecology")
    assert page.targets == []
    assert sections_of(page) == ["Shares", "Levels and counts"]


# --- data and sources --------------------------------------------------------------------------


def test_data_choices_offer_both_kinds_and_the_measures_the_data_holds(layer):
    filters = data_filters(layer, choice_for(layer))
    assert tuple(filters.kinds.options) == ("target", "outcome")
    assert tuple(filters.measures.options) == ("level", "share", "yoy_growth", "added", "rank", "rank_change")


def test_data_choices_leave_out_measures_the_data_lacks(data_copy):
    remove_observations(
        data_copy, {"power_generation_growth", "industrial_output_growth", "coalbed_gas_rank", "high_tech_rank_change"}
    )
    layer = load_data_layer(data_copy)
    assert tuple(data_filters(layer, choice_for(layer)).measures.options) == ("level", "share", "added")


def test_observation_table_with_no_filter_shows_every_observation(layer):
    found = data_and_sources(layer, choice_for(layer))
    assert list(found.table.columns) == OBSERVATION_COLUMNS
    assert len(found.table) == 20
    assert found.count == "20 observations."
    assert found.table.iloc[0].tolist() == [
        "Clean power share of generating capacity", "Energy", "outcome", 46.0, "Percent", "more than",
        "more than 46%", "2024", "share", "fx2_review_2024", "",
    ]  # fmt: skip


def test_observation_table_filters_by_theme_kind_measure_and_search(layer):
    targets = data_and_sources(layer, choice_for(layer, ("ecology",)), ("target",))
    assert rows(targets.table, "Indicator", "As stated", "Note") == [
        ["Average PM2.5 concentration", "38 µg/m³", "A ceiling, not a floor."],
        ["Share of days with good air", "at least 78%", ""],
    ]
    assert targets.count == "2 of 20 observations."  # of the whole layer, before any filter
    levels = data_and_sources(layer, choice_for(layer, ("ecology",)), ("target",), ("level",))
    assert rows(levels.table, "Indicator", "Period") == [["Average PM2.5 concentration", "2024"]]
    searched = data_and_sources(layer, choice_for(layer), (), (), "PM2.5")
    assert rows(searched.table, "As stated", "Period") == [
        ["52 µg/m³", "Dec 2023–Feb 2024 (inferred)"], ["36 µg/m³", "2024"], ["38 µg/m³", "2024"],
    ]  # fmt: skip
    assert data_and_sources(layer, choice_for(layer, ("energy",)), (), (), "PM2.5").table.empty
    assert data_and_sources(layer, choice_for(layer), (), (), "(").table["Period"].tolist() == [
        "Q1 2023 (inferred)",
        "Dec 2023–Feb 2024 (inferred)",
    ]


def test_observation_csv_keeps_every_column_but_the_period_dates_and_the_chinese_ones(layer):
    found = data_and_sources(layer, choice_for(layer, ("industry",)), ("outcome",))
    assert list(found.csv.columns) == [
        "observation_id", "indicator_id", "indicator", "theme", "theme_label", "unit", "unit_label", "measure",
        "value", "qualifier", "value_label", "kind", "period", "period_label", "period_type", "period_inferred",
        "source_id", "source_title", "note", "source_edition", "source_outlet", "source_address",
    ]  # fmt: skip
    assert found.csv["observation_id"].tolist() == [
        "fx2-high-tech-rank-change-2024", "fx3-industrial-growth-q1", "fx2-industrial-growth-2024",
        "fx2-manufacturing-revenue-2024",
    ]  # fmt: skip
    assert found.csv["indicator"].tolist() == found.table["Indicator"].tolist()


PRIMARY = "primary: the outlet's own text"


def test_sources_give_every_detail(layer):
    assert data_and_sources(layer, choice_for(layer)).sources == [
        SourceDetails(
            "fx1_plan_2024", "fx1_plan_2024.txt", PLAN, "Fixture Daily (invented)", "published 2024-01-20",
            "An invented plan with 2024 targets for clean power, mines, industry and air quality.", "", (),
            "https://example.org/fixtures/fx1_plan_2024.html", PRIMARY,
        ),
        SourceDetails(
            "fx2_review_2024", "fx2_review_2024.txt", REVIEW, "Fixture Weekly (invented)",
            "work report delivered 2025-01-15; posted 2025-01-22",
            "An invented review of 2024 results, with targets for 2025.", "",
            ("A fixture test line built for 600 km/h (a technical spec, not an indicator).",),
            "https://example.org/fixtures/fx2_review_2024.html", PRIMARY,
        ),
        SourceDetails(
            "fx3_undated_brief", "fx3_undated_brief.txt", BRIEF, "not named in the document", "no date given",
            "An invented undated brief on first-quarter industrial growth and winter air quality.",
            "Invented: the brief gives no date, so its first quarter and heating season are placed in 2023 and "
            "every period it gives is flagged as inferred.",
            (), "https://example.org/fixtures/fx3_undated_brief.html", PRIMARY,
        ),
    ]  # fmt: skip


# --- method notes ------------------------------------------------------------------------------


def test_method_notes_are_the_readme_s_method_section(layer):
    notes = method_notes("en")
    assert "achieved" in notes and "inferred" in notes  # how statuses are decided; how periods are read
    assert "<!--" not in notes and "-->" not in notes
    assert notes == notes.strip()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.escape("<!-- method:start -->") + r"\s*" + re.escape(notes) + r"\s*" + re.escape("<!-- method:end -->")
    assert re.search(section, readme)  # the whole section, word for word
    assert data_and_sources(layer, choice_for(layer)).method == notes  # as the Data and sources page shows it


def test_method_notes_are_the_text_between_the_markers(monkeypatch, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Title\n\nBefore.\n\n<!-- method:start -->\n\n### Statuses\n\nA *status*.\n\n<!-- method:end -->\n\nAfter.\n",
        encoding="utf-8",
    )
    english_method_notes_from(monkeypatch, readme)
    assert method_notes("en") == "### Statuses\n\nA *status*."


@pytest.mark.parametrize(
    "text",
    [
        "# A README\n\nNo method section here.\n",
        "<!-- method:end -->\nBackwards.\n<!-- method:start -->\n",
        "<!-- method:start -->\nNever closed.\n",
    ],
)
def test_method_notes_are_empty_without_the_markers(monkeypatch, tmp_path, text):
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    english_method_notes_from(monkeypatch, readme)
    assert method_notes("en") == ""


def test_method_notes_are_empty_without_a_readme(monkeypatch, tmp_path, layer):
    english_method_notes_from(monkeypatch, tmp_path / "missing.md")
    assert method_notes("en") == ""
    # The page says so instead.
    missing = "The notes on method are missing from this copy of the monitor."
    assert data_and_sources(layer, choice_for(layer)).method == missing


# --- what changed ------------------------------------------------------------------------------


def sections(view) -> dict[str, list[list]]:
    """What changed as its headings (the kind of change and its count) -> the rows, every column, in
    the order the page shows them."""
    return {section.heading: section.rows.values.tolist() for section in view.sections}


def headings(view) -> list[str]:
    return [section.heading for section in view.sections]


def test_what_changed_compares_with_the_previous_edition_by_default(next_layer):
    choice = choice_for(next_layer)
    view = what_changed(next_layer, choice)
    assert view.since == date(2025, 1, 15)
    assert view.compared == ("From the monitor as known on 15 January 2025 to the monitor as known on 20 January 2026.")
    earlier = earlier_editions(next_layer, choice)
    assert [edition.date for edition in earlier] == [date(2025, 1, 15), date(2024, 1, 20), date(2023, 4, 20)]
    assert [list(section.rows.columns) for section in view.sections] == [CHANGE_COLUMNS] * 4
    # Every kind of change, in this order, even when it has no rows; within one, by theme label.
    assert sections(view) == {
        "Target set (0)": [],
        "Outcome reported (2)": [
            ["Share of days with good air", "Ecology", "2025", "", "76%", "", REVIEW_2025],
            ["Industrial output growth", "Industry", "2025", "", "5.9%", "", REVIEW_2025],
        ],
        "Figure restated (1)": [
            ["Smart coal mines in operation", "Energy", "as of 2024-12-31", "310", "312", REVIEW, REVIEW_2025],
        ],
        "Status moved (2)": [
            ["Share of days with good air", "Ecology", "2025", "pending", "missed", REVIEW, REVIEW_2025],
            ["Industrial output growth", "Industry", "2025", "pending", "achieved", REVIEW, REVIEW_2025],
        ],
    }


def test_what_changed_csv_has_every_change_in_one_table_saying_which(next_layer):
    csv = what_changed(next_layer, choice_for(next_layer)).csv
    assert list(csv.columns) == ["Change", *CHANGE_COLUMNS]
    assert rows(csv, "Change", "Figure", "Before", "After") == [
        ["outcome reported", "Share of days with good air", "", "76%"],
        ["outcome reported", "Industrial output growth", "", "5.9%"],
        ["figure restated", "Smart coal mines in operation", "310", "312"],
        ["status moved", "Share of days with good air", "pending", "missed"],
        ["status moved", "Industrial output growth", "pending", "achieved"],
    ]


def test_what_changed_since_an_earlier_edition_chosen_by_date(next_layer):
    view = what_changed(next_layer, choice_for(next_layer), "2024-01-20")
    assert view.since == date(2024, 1, 20)
    changes = sections(view)
    assert headings(view) == ["Target set (2)", "Outcome reported (12)", "Figure restated (0)", "Status moved (6)"]
    # The review's 2025 targets were set after the plan.
    assert changes["Target set (2)"] == [
        ["Share of days with good air", "Ecology", "2025", "", "at least 78%", "", REVIEW],
        ["Industrial output growth", "Industry", "2025", "", "about 6%", "", REVIEW],
    ]
    # Every 2024 target of the plan was pending on 2024-01-20; the source after is the outcome's
    # (the review of 2025 restated the mine count the linked pair reads), or the target's when none.
    assert [row[:1] + row[3:] for row in changes["Status moved (6)"]] == [
        ["Average PM2.5 concentration", "pending", "achieved", PLAN, REVIEW],
        ["Clean power share of generating capacity", "pending", "achieved", PLAN, REVIEW],
        ["National rank in coalbed gas output", "pending", "not comparable", PLAN, REVIEW],
        ["Smart coal mines to build in the year", "pending", "not comparable", PLAN, REVIEW_2025],
        ["Wind and solar capacity added", "pending", "not reported", PLAN, PLAN],
        ["Industrial output growth", "pending", "missed", PLAN, REVIEW],
    ]
    assert changes["Figure restated (0)"] == []  # the plan gave no figure the later reports restate


@pytest.mark.parametrize(
    "since",
    [
        "2026-01-20",  # the edition shown itself
        "2030-01-01",  # after it
        "2025-01-16",  # no edition's date
        "2025-1-15",  # not written as the link writes it
        "last year",
        "",
    ],
)
def test_what_changed_since_a_date_that_is_not_an_earlier_edition_uses_the_previous_one(next_layer, since):
    view = what_changed(next_layer, choice_for(next_layer), since)
    assert view.since == date(2025, 1, 15)
    assert headings(view) == ["Target set (0)", "Outcome reported (2)", "Figure restated (1)", "Status moved (2)"]


def test_what_changed_follows_the_theme_filter(next_layer):
    industry = what_changed(next_layer, choice_for(next_layer, ("industry",)))
    assert sections(industry) == {
        "Target set (0)": [],
        "Outcome reported (1)": [["Industrial output growth", "Industry", "2025", "", "5.9%", "", REVIEW_2025]],
        "Figure restated (0)": [],
        "Status moved (1)": [
            ["Industrial output growth", "Industry", "2025", "pending", "achieved", REVIEW, REVIEW_2025]
        ],
    }
    assert rows(industry.csv, "Change", "Theme") == [["outcome reported", "Industry"], ["status moved", "Industry"]]
    energy = what_changed(next_layer, choice_for(next_layer, ("energy",)))
    assert headings(energy) == ["Target set (0)", "Outcome reported (0)", "Figure restated (1)", "Status moved (0)"]
    assert len(what_changed(next_layer, choice_for(next_layer, ("ecology", "industry"))).csv) == 4
    # The editions to compare with do not depend on the themes.
    offered = [
        compare_choice(next_layer, choice_for(next_layer, themes)).options
        for themes in [("industry",), ("energy",), ()]
    ]
    assert offered[0] == offered[1] == offered[2]


def test_what_changed_on_the_first_edition_has_nothing_to_compare_with(next_layer):
    first = edition(next_layer, date(2023, 4, 20))
    for since in (None, "2023-01-01"):
        view = what_changed(first, choice_for(first), since)
        assert (view.since, earlier_editions(first, choice_for(first))) == (None, [])
        assert view.empty == "This is the first edition of the monitor: there is no earlier one to compare it with."
        assert view.compared == ""
        assert headings(view) == ["Target set (0)", "Outcome reported (0)", "Figure restated (0)", "Status moved (0)"]
        for section in view.sections:
            assert section.rows.empty and list(section.rows.columns) == CHANGE_COLUMNS
        assert view.csv.empty
    assert compare_choice(first, choice_for(first)).empty == view.empty  # the page says so before any choice


def test_earlier_editions_are_what_what_changed_may_compare_with(next_layer):
    # The page builds its choice from these before asking for the changes, so they must agree: the
    # options are the earlier editions, and the changes are since the first of them by default.
    for as_of in (None, date(2025, 1, 15), date(2023, 4, 20)):
        layer = edition(next_layer, as_of)
        earlier = earlier_editions(layer, choice_for(layer))
        assert list(compare_choice(layer, choice_for(layer)).options) == [
            edition.date.isoformat() for edition in earlier
        ]
        assert what_changed(layer, choice_for(layer)).since == (earlier[0].date if earlier else None)
    layer = edition(next_layer, date(2024, 1, 20))
    assert [edition.date for edition in earlier_editions(layer, choice_for(layer))] == [date(2023, 4, 20)]


def test_what_changed_on_an_earlier_edition_offers_only_the_editions_before_it(next_layer):
    layer = edition(next_layer, date(2025, 1, 15))
    view = what_changed(layer, choice_for(layer), "2026-01-20")
    assert view.compared.endswith("to the monitor as known on 15 January 2025.")
    assert view.since == date(2024, 1, 20)  # a later edition is not an earlier one
    assert list(compare_choice(layer, choice_for(layer)).options.values()) == [
        "2024-01-20 · Fixture plan for 2024",
        "2023-04-20 · Fixture brief on a first quarter (date inferred)",
    ]


# --- editions and link values --------------------------------------------------------------------


def test_editions_are_newest_first_each_labelled_with_date_and_title(layer):
    assert editions(layer, choice_for(layer)) == [
        Edition(
            date(2025, 1, 15), REVIEW, "2025-01-15 · Fixture review of 2024", "2025-01-15 · Fixture review of 2024"
        ),
        Edition(date(2024, 1, 20), PLAN, "2024-01-20 · Fixture plan for 2024", "2024-01-20 · Fixture plan for 2024"),
        # The brief's edition date is inferred (sources.yaml), and its title says so; the sidebar's short
        # label says so right after the date, where a narrow list still shows it.
        Edition(
            date(2023, 4, 20),
            "Fixture brief on a first quarter (date inferred)",
            "2023-04-20 · Fixture brief on a first quarter (date inferred)",
            "2023-04-20 (date inferred) · Fixture brief on a first quarter",
        ),
    ]


def test_an_earlier_edition_still_lists_every_edition_to_choose_from(layer):
    earlier = edition(layer, date(2024, 1, 20))
    assert [edition.date for edition in editions(earlier, choice_for(earlier))] == [
        date(2025, 1, 15), date(2024, 1, 20), date(2023, 4, 20),
    ]  # fmt: skip


def test_two_sources_made_public_on_the_same_day_are_one_edition(data_copy):
    edit(data_copy / "sources.yaml", "edition: {date: 2024-01-20}", "edition: {date: 2025-01-15}")
    layer = load_data_layer(data_copy)
    assert [edition.date for edition in editions(layer, choice_for(layer))] == [date(2025, 1, 15), date(2023, 4, 20)]
    assert link_values(layer, choice_for(layer)).editions == ["2025-01-15", "2023-04-20"]


def test_the_next_edition_is_listed_first(next_layer):
    assert [edition.label for edition in editions(next_layer, choice_for(next_layer))] == [
        "2026-01-20 · Fixture review of 2025",
        "2025-01-15 · Fixture review of 2024",
        "2024-01-20 · Fixture plan for 2024",
        "2023-04-20 · Fixture brief on a first quarter (date inferred)",
    ]


def test_link_values_are_what_the_choices_show(layer):
    values = link_values(layer, choice_for(layer))
    assert values.themes == ["Energy", "Industry", "Ecology"]
    assert values.statuses == ["achieved", "missed", "not comparable", "pending", "not reported"]
    assert values.periods == ["2024", "Q1 2023 (inferred)", "2025"]
    assert values.editions == ["2025-01-15", "2024-01-20", "2023-04-20"]


def test_link_values_offer_every_edition_whichever_is_shown(next_layer):
    earlier = edition(next_layer, date(2024, 1, 20))
    assert link_values(earlier, choice_for(earlier)).editions == [
        "2026-01-20", "2025-01-15", "2024-01-20", "2023-04-20",
    ]  # fmt: skip
