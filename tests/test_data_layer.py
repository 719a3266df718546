"""The data layer as its readers rely on it: tidy frames from data/, every fault in the YAML reported
at once with its file and line, status rules that do not overclaim, and figures that match the
source documents they cite."""

from __future__ import annotations

import hashlib
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from components.data_layer import (
    STATUSES,
    DataLayer,
    DataLayerError,
    Problem,
    data_files,
    format_value,
    load_data_layer,
)
from components.data_layer.plan_vs_outcome import judge

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

OBS0 = "observations/000_b03947154c0e01ec.yaml"
OBS1 = "observations/001_0c95159e5921e68a.yaml"
OBS2 = "observations/002_cb45a5397f502ac5.yaml"
OBS3 = "observations/003_b25b8932cc8a53db.yaml"
OBS4 = "observations/004_075e29792a1fca0e.yaml"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no source documents at {SEEDS}")


# --- helpers ---------------------------------------------------------------------------------


def _entry_span(text: str, entry: str | None) -> tuple[int, int]:
    """Start and end of the list entry whose id is `entry` (the whole text when None)."""
    if entry is None:
        return 0, len(text)
    match = re.search(rf'^( *)- id: "?{re.escape(entry)}"?\n', text, re.M)
    assert match, f"no entry with id {entry!r}: the data changed under this test"
    following = re.compile(rf"^{match[1]}- ", re.M).search(text, match.end())
    return match.start(), following.start() if following else len(text)


def edit(path: Path, old: str, new: str, entry: str | None = None) -> None:
    """Replace the single occurrence of `old` (inside the entry with id `entry`, if given)."""
    text = path.read_text(encoding="utf-8")
    start, end = _entry_span(text, entry)
    assert text.count(old, start, end) == 1, f"{old!r} should occur once in {path.name} ({entry or 'file'})"
    at = text.index(old, start, end)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} should occur once in {path.name}"
    return text[: text.index(needle)].count("\n") + 1


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(DataLayerError) as caught:
        load_data_layer(path)
    problems = caught.value.problems
    assert problems, "DataLayerError raised with no problems"
    assert all(isinstance(problem, Problem) for problem in problems)
    return problems


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under `folder`, with its mtime and content hash."""
    return {
        str(item.relative_to(folder)): (item.stat().st_mtime_ns, hashlib.sha256(item.read_bytes()).hexdigest())
        if item.is_file()
        else (0, "folder")
        for item in sorted(folder.rglob("*"))
    }


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components.data_layer", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def row(frame: pd.DataFrame, column: str, value: str) -> pd.Series:
    matches = frame[frame[column] == value]
    assert len(matches) == 1, f"expected one row with {column} == {value!r}, found {len(matches)}"
    return matches.iloc[0]


@pytest.fixture(scope="module")
def layer() -> DataLayer:
    return load_data_layer(DATA)


@pytest.fixture(scope="module")
def raw_observations() -> dict[str, dict]:
    """Each observation as written in the YAML, by id, with the source of its file."""
    found = {}
    for path in sorted((DATA / "observations").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in document["observations"]:
            found[item["id"]] = item | {"source": document["source"]}
    return found


# --- the real data: frames a reader relies on --------------------------------------------------


def test_frames_have_the_promised_columns(layer):
    assert {
        "indicator_id",
        "indicator",
        "theme",
        "unit",
        "measure",
        "value",
        "qualifier",
        "kind",
        "period",
        "period_start",
        "period_end",
        "period_inferred",
        "source_id",
        "note",
    } <= set(layer.observations.columns)
    assert {"target_id", "gap", "gap_percent", "status", "status_reason"} <= set(layer.plan_vs_outcome.columns)
    obs = layer.observations
    assert obs["value"].dtype == float
    assert obs["period_inferred"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(obs["period_start"])
    assert pd.api.types.is_datetime64_any_dtype(obs["period_end"])
    assert (obs["period_start"] <= obs["period_end"]).all()
    assert set(obs["kind"]) == {"target", "outcome"}
    for frame in (layer.indicators, layer.themes, layer.sources, layer.units):
        assert frame["id"].is_unique


def test_every_observation_names_a_known_source_and_indicator(layer):
    obs = layer.observations
    assert set(obs["source_id"]) <= set(layer.sources["id"])
    assert set(obs["indicator_id"]) <= set(layer.indicators["id"])
    indicators = layer.indicators.set_index("id")
    for column, source in [("indicator", "name"), ("theme", "theme"), ("unit", "unit"), ("measure", "measure")]:
        assert (obs[column].to_numpy() == indicators.loc[obs["indicator_id"], source].to_numpy()).all(), column
    assert set(layer.indicators["theme"]) <= set(layer.themes["id"])
    assert set(layer.indicators["unit"]) <= set(layer.units["id"])


def test_frame_keeps_every_value_qualifier_and_period_as_written(layer, raw_observations):
    obs = layer.observations.set_index("observation_id")
    assert set(obs.index) == set(raw_observations)
    for obs_id, item in raw_observations.items():
        got = obs.loc[obs_id]
        assert got["qualifier"] == item.get("qualifier", ""), obs_id
        assert got["kind"] == item["kind"], obs_id
        assert got["period"] == str(item["period"]), obs_id
        assert got["period_inferred"] == item.get("period_inferred", False), obs_id
        assert got["source_id"] == item["source"], obs_id
        if "value" in item:
            assert got["value"] == item["value"], obs_id
        else:
            assert math.isnan(got["value"]) and got["qualifier"] == "among the top", obs_id


def test_hedged_figures_keep_their_qualifier(layer):
    obs = layer.observations.set_index("observation_id")
    assert obs.loc["s002-gdp-growth-2025", "qualifier"] == "about"
    assert obs.loc["s002-gdp-growth-2025", "value_label"] == "about 5%"
    assert obs.loc["s002-fixed-asset-investment-growth-2025", "qualifier"] == "more than"
    assert obs.loc["s000-unconventional-gas-2024", "value_label"] == "more than 16.5 billion m³"
    assert obs.loc["s002-computing-power-rank-2024", "value_label"] == "among the top"


def test_values_are_stored_in_base_units(layer):
    obs = layer.observations.set_index("observation_id")
    assert obs.loc["s001-key-chains-revenue-2024", "value"] == 7e11
    assert obs.loc["s001-key-chains-revenue-2024", "value_label"] == "700 billion yuan"
    assert obs.loc["s002-goods-trade-2024-jan-nov", "value"] == 1.5958e11
    assert obs.loc["s000-unconventional-gas-2024", "value"] == 1.65e10
    assert obs.loc["s001-power-capacity-2024", "value"] == 1.45e8
    assert obs.loc["s001-coal-power-renovated-2024", "value"] == 6.3e6
    assert obs.loc["s002-green-power-trading-2024", "value"] == 7.66e9
    assert obs.loc["s002-5g-base-stations-2024", "value"] == 108_000


def test_periods_become_start_and_end_dates(layer):
    obs = layer.observations.set_index("observation_id")
    expected = {
        "s001-power-capacity-2024": ("year", "2024-01-01", "2024-12-31"),
        "s002-goods-trade-2024-jan-nov": ("months", "2024-01-01", "2024-11-30"),
        "s003-industrial-value-added-growth-q1": ("quarter", "2021-01-01", "2021-03-31"),
        "s004-industrial-zones": ("date", "2024-05-15", "2024-05-15"),
    }
    for obs_id, (kind, start, end) in expected.items():
        got = obs.loc[obs_id]
        assert (got["period_type"], got["period_start"], got["period_end"]) == (
            kind,
            pd.Timestamp(start),
            pd.Timestamp(end),
        ), obs_id


def test_undated_document_003_has_every_period_flagged_as_inferred(layer):
    from_003 = layer.observations[layer.observations["source_id"] == "003_b25b8932cc8a53db"]
    assert len(from_003) > 0
    assert from_003["period_inferred"].all()
    source = row(layer.sources, "id", "003_b25b8932cc8a53db")
    assert pd.isna(source["latest_date"])
    assert source["date_note"].strip()


def test_every_target_has_exactly_one_plan_vs_outcome_row(layer):
    targets = layer.observations[layer.observations["kind"] == "target"]
    pairs = layer.plan_vs_outcome
    assert pairs["target_id"].is_unique
    assert sorted(pairs["target_id"]) == sorted(targets["observation_id"])
    assert set(pairs["status"]) <= set(STATUSES)
    assert (pairs["status_reason"].str.len() > 0).all()


def test_plan_vs_outcome_rows_are_consistent(layer):
    indicators = layer.indicators.set_index("id")
    for pair in layer.plan_vs_outcome.itertuples():
        if pair.status == "no outcome yet":
            assert pair.outcome_id == "" and math.isnan(pair.gap), pair.target_id
            continue
        assert pair.outcome_indicator_id in (
            pair.indicator_id,
            indicators.loc[pair.indicator_id, "not_comparable_with"],
        )
        if pair.outcome_indicator_id != pair.indicator_id:
            assert pair.status == "not comparable", pair.target_id
            assert pair.status_reason == indicators.loc[pair.indicator_id, "not_comparable_reason"]
        if pair.status in ("achieved", "missed"):
            assert pair.gap == pytest.approx(pair.outcome_value - pair.target_value), pair.target_id
        else:
            assert math.isnan(pair.gap), pair.target_id


def test_clean_energy_share_target_of_47_is_achieved_by_more_than_50(layer):
    pair = row(layer.plan_vs_outcome, "target_id", "s001-new-clean-energy-share-2024")
    assert (pair["target_value"], pair["outcome_value"], pair["outcome_qualifier"]) == (47, 50, "more than")
    assert pair["status"] == "achieved"
    assert pair["gap"] == 3
    assert pair["gap_percent"] == pytest.approx(100 * 3 / 47)
    assert pair["gap_label"].startswith("more than +3")


def test_coal_mines_to_build_are_not_compared_with_the_stock_of_268(layer):
    pair = row(layer.plan_vs_outcome, "target_id", "s001-intelligent-coal-mines-built-2024")
    assert pair["target_value"] == 150
    assert pair["outcome_indicator_id"] == "intelligent_coal_mines"
    assert pair["outcome_value"] == 268
    assert pair["status"] == "not comparable"
    assert "268" in pair["status_reason"]
    assert math.isnan(pair["gap"])


def test_data_files_lists_what_the_loader_reads():
    files = data_files(DATA)
    assert {path.name for path in files} >= {"themes.yaml", "units.yaml", "sources.yaml", "indicators.yaml"}
    assert {path.name for path in files if path.parent.name == "observations"} == {
        path.name for path in (DATA / "observations").glob("*.yaml")
    }
    assert all(path.is_file() for path in files)


@pytest.mark.parametrize(
    "value, unit, symbol, qualifier, expected",
    [
        (7e11, "yuan", " yuan", "", "700 billion yuan"),
        (1.65e10, "cubic_meters", " m³", "more than", "more than 16.5 billion m³"),
        (6.3e6, "kilowatts", " kW", "", "6.3 million kW"),
        (108_000, "count", "", "", "108,000"),
        (5, "percent", "%", "about", "about 5%"),
        (1, "rank", "", "", "No. 1"),
        (math.nan, "rank", "", "among the top", "among the top"),
    ],
)
def test_format_value_reads_as_a_person_would_say_it(value, unit, symbol, qualifier, expected):
    assert format_value(value, unit, symbol, qualifier) == expected


# --- the status rules ----------------------------------------------------------------------------

NAN = math.nan
HIGHER, LOWER = True, False


@pytest.mark.parametrize(
    "target, target_q, outcome, outcome_q, higher_is_better, status",
    [
        pytest.param(50, "", 52, "", HIGHER, "achieved", id="exact outcome above target"),
        pytest.param(50, "", 48, "", HIGHER, "missed", id="exact outcome below target"),
        pytest.param(50, "", 50, "", HIGHER, "achieved", id="exact outcome equal to a plain target"),
        pytest.param(47, "", 50, "more than", HIGHER, "achieved", id="more-than outcome whose bound beats target"),
        pytest.param(50, "", 50, "more than", HIGHER, "achieved", id="more-than outcome whose bound meets target"),
        pytest.param(60, "", 50, "more than", HIGHER, "not comparable", id="more-than outcome below target"),
        pytest.param(60, "", 50, "at least", HIGHER, "not comparable", id="at-least outcome below target"),
        pytest.param(6, "more than", 6, "", HIGHER, "missed", id="more-than target met exactly is missed"),
        pytest.param(6, "more than", 6.1, "", HIGHER, "achieved", id="more-than target exceeded"),
        pytest.param(6, "more than", 6, "more than", HIGHER, "achieved", id="more-than target, more-than outcome"),
        pytest.param(6, "more than", 6, "at least", HIGHER, "not comparable", id="more-than target, at-least outcome"),
        pytest.param(5, "about", 5.2, "", HIGHER, "achieved", id="about target exceeded"),
        pytest.param(5, "about", 4.8, "about", HIGHER, "missed", id="about outcome below about target"),
        pytest.param(40, "", 37, "", LOWER, "achieved", id="lower is better: under the ceiling"),
        pytest.param(35, "", 37, "", LOWER, "missed", id="lower is better: over the ceiling"),
        pytest.param(37, "", 37, "", LOWER, "achieved", id="lower is better: on the ceiling"),
        pytest.param(40, "", 37, "more than", LOWER, "not comparable", id="lower is better: outcome only a floor"),
        pytest.param(1, "", NAN, "among the top", HIGHER, "not comparable", id="among-the-top outcome"),
    ],
)
def test_judge(target, target_q, outcome, outcome_q, higher_is_better, status):
    got, reason = judge(target, target_q, outcome, outcome_q, higher_is_better)
    assert got == status
    assert reason.strip()
    for qualifier in {target_q, outcome_q} - {""}:
        if got in ("achieved", "missed"):
            assert repr(qualifier) in reason, "a hedged figure should be noted in the reason"


def test_judge_never_calls_a_valueless_target_missed():
    status, _ = judge(NAN, "among the top", 1, "", HIGHER)
    assert status == "not comparable"


# --- bad input: one fault, one clear problem naming file and line --------------------------------


@dataclass(frozen=True)
class Fault:
    file: str  # relative to data/
    entry: str | None  # the id of the list entry the edit is made in
    old: str
    new: str
    at: str  # text, unique in the broken file, on the line the problem should name
    path: str  # regex for the document path the location should show ("" for parser errors)
    message: str  # part of the message


def _period(written: str, message: str) -> Fault:
    """An impossible period in place of the 2025 GDP target's."""
    return Fault(
        OBS2,
        "s002-gdp-growth-2025",
        'period: "2025"',
        f'period: "{written}"',
        f'period: "{written}"',
        r"\(observations\[\d+\]\.period\)",
        message,
    )


FAULTS = {
    "YAML syntax error": Fault(
        "themes.yaml",
        "industry",
        "    label: Industry",
        "\tlabel: Industry",
        "\tlabel: Industry",
        "",
        "YAML syntax error",
    ),
    "missing field": Fault(
        OBS1,
        "s001-coal-power-renovated-2024",
        "    kind: target\n",
        "",
        "- id: s001-coal-power-renovated-2024",
        r"\(observations\[\d+\]\)",
        "missing field: 'kind'",
    ),
    "missing value": Fault(
        OBS2,
        "s002-retail-sales-growth-2025",
        "    value: 5\n",
        "",
        "- id: s002-retail-sales-growth-2025",
        r"\(observations\[\d+\]\)",
        "missing field: 'value'",
    ),
    "misspelt optional field": Fault(
        OBS2,
        "s002-gdp-growth-2025",
        "qualifier: about",
        "qualifer: about",
        "- id: s002-gdp-growth-2025",
        r"\(observations\[\d+\]\)",
        "unknown field 'qualifer' (did you mean 'qualifier'?)",
    ),
    "misspelt field in indicators": Fault(
        "indicators.yaml",
        "pm25_concentration",
        "direction: lower_is_better",
        "directon: lower_is_better",
        "- id: pm25_concentration",
        r"\(indicators\[\d+\]\)",
        "unknown field 'directon' (did you mean 'direction'?)",
    ),
    "string for a number": Fault(
        OBS1,
        "s001-intelligent-coal-mines-built-2024",
        "value: 150",
        'value: "150"',
        'value: "150"',
        r"\(observations\[\d+\]\.value\)",
        "'150' should be a number",
    ),
    "number written with its unit": Fault(
        OBS1,
        "s001-power-capacity-2024",
        "value: 145000000",
        "value: 145 million",
        "value: 145 million",
        r"\(observations\[\d+\]\.value\)",
        "'145 million' should be a number",
    ),
    "yes for a number": Fault(
        OBS1,
        "s001-green-factories-2024",
        "value: 30",
        "value: yes",
        "value: yes",
        r"\(observations\[\d+\]\.value\)",
        "should be a number",
    ),
    "kind not allowed": Fault(
        OBS2,
        "s002-retail-sales-growth-2025",
        "kind: target",
        "kind: goal",
        "kind: goal",
        r"\(observations\[\d+\]\.kind\)",
        "'goal' is not allowed; use one of: target, outcome",
    ),
    "colour not hex": Fault(
        "themes.yaml",
        "macro",
        'colour: "#999999"',
        "colour: grey",
        "colour: grey",
        r"\(themes\[\d+\]\.colour\)",
        "does not match",
    ),
    "unknown theme": Fault(
        "indicators.yaml",
        "gdp_growth",
        "theme: macro",
        "theme: macroeconomy",
        "theme: macroeconomy",
        r"\(indicators\[\d+\]\.theme\)",
        "unknown theme 'macroeconomy'",
    ),
    "unknown unit": Fault(
        "indicators.yaml",
        "gdp_growth",
        "unit: percent",
        "unit: per_cent",
        "unit: per_cent",
        r"\(indicators\[\d+\]\.unit\)",
        "unknown unit 'per_cent'",
    ),
    "unknown indicator": Fault(
        OBS3,
        "s003-coal-value-added-growth-q1",
        "indicator: coal_industry_value_added_growth",
        "indicator: coal_value_added_growth",
        "indicator: coal_value_added_growth",
        r"\(observations\[\d+\]\.indicator\)",
        "unknown indicator 'coal_value_added_growth'",
    ),
    "unknown not_comparable_with": Fault(
        "indicators.yaml",
        "intelligent_coal_mines_built",
        "indicator: intelligent_coal_mines\n",
        "indicator: intelligent_coal_mine\n",
        "indicator: intelligent_coal_mine\n",
        r"\(indicators\[\d+\]\.not_comparable_with\.indicator\)",
        "unknown indicator 'intelligent_coal_mine'",
    ),
    "not_comparable_with itself": Fault(
        "indicators.yaml",
        "intelligent_coal_mines_built",
        "indicator: intelligent_coal_mines\n",
        "indicator: intelligent_coal_mines_built\n",
        "indicator: intelligent_coal_mines_built\n",
        r"\(indicators\[\d+\]\.not_comparable_with\.indicator\)",
        "must name another indicator",
    ),
    "duplicate theme id": Fault(
        "themes.yaml",
        "macro",
        'colour: "#999999"\n',
        'colour: "#999999"\n'
        '  - id: energy\n    label: Energy again\n    description: Reused id.\n    colour: "#000000"\n',
        "  - id: energy\n    label: Energy again",
        r"\(themes\[\d+\]\.id\)",
        "duplicate id 'energy'",
    ),
    "duplicate observation id across files": Fault(
        OBS2,
        "s002-5g-base-stations-2024",
        "- id: s002-5g-base-stations-2024",
        "- id: s001-power-capacity-2024",
        "- id: s001-power-capacity-2024",
        r"\(observations\[\d+\]\.id\)",
        "duplicate observation id 's001-power-capacity-2024'",
    ),
    "duplicate observation id in one file": Fault(
        OBS4,
        "s004-lakes-protection",
        "- id: s004-lakes-protection",
        "- id: s004-rivers-restoration",
        "- id: s004-rivers-restoration\n    indicator: lakes",
        r"\(observations\[\d+\]\.id\)",
        "duplicate observation id 's004-rivers-restoration'",
    ),
    "quarter 5": _period("2024-Q5", "quarter must be Q1 to Q4"),
    "30 February": _period("2024-02-30", "not a real date"),
    "29 February in a common year": _period("2023-02-29", "not a real date"),
    "months running backwards": _period("2024-11/2024-02", "ends before it starts"),
    "month 13": _period("2024-01/2024-13", "months must be 01 to 12"),
    "not a period": _period("2024-13", "is not one of"),
    "impossible source date": Fault(
        "sources.yaml",
        "000_b03947154c0e01ec",
        "2025-03-05",
        "2025-02-30",
        "2025-02-30",
        r"\(sources\[\d+\]\.dates\[0\]\.date\)",
        "not a real date",
    ),
    "source with no dates and no note": Fault(
        "sources.yaml",
        "000_b03947154c0e01ec",
        "dates:\n      - {date: 2025-03-05, what: updated}\n",
        "dates: []\n",
        '- id: "000_b03947154c0e01ec"',
        r"\(sources\[\d+\]\)",
        "needs a date_note",
    ),
    "among the top on a non-rank indicator": Fault(
        OBS2,
        "s002-retail-sales-growth-2025",
        "value: 5",
        "qualifier: among the top",
        "qualifier: among the top\n    kind: target",
        r"\(observations\[\d+\]\.qualifier\)",
        "'among the top' only fits a rank indicator",
    ),
    "same figure twice from one source": Fault(
        OBS2,
        "s002-retail-sales-growth-2025",
        "indicator: retail_sales_growth",
        "indicator: gdp_growth",
        "- id: s002-retail-sales-growth-2025",
        r"\(observations\[\d+\]\)",
        "same indicator, kind and period already recorded",
    ),
}


def break_data(data: Path, fault: Fault) -> Path:
    target = data / fault.file
    edit(target, fault.old, fault.new, fault.entry)
    return target


def assert_reported(problems: list[Problem], data: Path, fault: Fault) -> None:
    target = data / fault.file
    line = line_of(target, fault.at)
    hits = [
        problem
        for problem in problems
        if problem.file == str(target)
        and re.match(rf"line {line}\b", problem.location)
        and re.search(fault.path, problem.location)
        and fault.message in problem.message
    ]
    shown = "\n".join(map(str, problems))
    assert hits, f"expected {fault.file}: line {line}: ...{fault.message}... among:\n{shown}"


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_one_fault_gives_one_problem_naming_file_and_line(data_copy, fault):
    break_data(data_copy, fault)
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert_reported(problems, data_copy, fault)


def _write(data: Path, name: str, text: str | bytes) -> Path:
    path = data / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _missing_file(data: Path) -> tuple[str, str, str]:
    (data / "units.yaml").unlink()
    return "units.yaml", "file", "missing"


def _empty_file(data: Path) -> tuple[str, str, str]:
    _write(data, "themes.yaml", "")
    return "themes.yaml", "file", "the file is empty"


def _list_instead_of_mapping(data: Path) -> tuple[str, str, str]:
    _write(data, OBS3, "- one\n- two\n")
    return OBS3, "line 1", "should be a mapping (key: value lines), not a list"


def _not_utf8(data: Path) -> tuple[str, str, str]:
    _write(data, "themes.yaml", b"themes:\n  - id: \xff\xfe\n")
    return "themes.yaml", "file", "cannot be read"


def _not_yaml_in_observations(data: Path) -> tuple[str, str, str]:
    _write(data, "observations/notes.txt", "a note\n")
    return "observations/notes.txt", "file", "must end in .yaml"


def _stray_top_level_file(data: Path) -> tuple[str, str, str]:
    _write(data, "indicator.yaml", "indicators: []\n")
    return "indicator.yaml", "file", "not a data-layer file"


def _file_not_named_after_source(data: Path) -> tuple[str, str, str]:
    renamed = data / "observations" / "003_renamed.yaml"
    (data / OBS3).rename(renamed)
    return "observations/003_renamed.yaml", f"line {line_of(renamed, 'source:')}", "should be named after its source"


def _unknown_source(data: Path) -> tuple[str, str, str]:
    _write(
        data,
        "observations/005_unlisted.yaml",
        'source: "005_unlisted"\nobservations:\n'
        '  - {id: s005-gdp, indicator: gdp_growth, value: 5, kind: outcome, period: "2024"}\n',
    )
    return "observations/005_unlisted.yaml", "line 1", "unknown source '005_unlisted'"


def _no_observations(data: Path) -> tuple[str, str, str]:
    for path in (data / "observations").iterdir():
        path.unlink()
    return "observations", "folder", "missing or empty"


FILE_FAULTS = {
    "missing file": _missing_file,
    "empty file": _empty_file,
    "list instead of mapping": _list_instead_of_mapping,
    "not UTF-8": _not_utf8,
    "not .yaml in observations": _not_yaml_in_observations,
    "stray top-level file": _stray_top_level_file,
    "file not named after its source": _file_not_named_after_source,
    "unknown source": _unknown_source,
    "no observation files": _no_observations,
}


@pytest.mark.parametrize("break_it", FILE_FAULTS.values(), ids=FILE_FAULTS.keys())
def test_file_level_fault_gives_one_problem(data_copy, break_it):
    name, location, message = break_it(data_copy)
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    [problem] = problems
    assert problem.file == str(data_copy / name)
    assert re.match(rf"{location}\b", problem.location), problem
    assert message in problem.message, problem


def test_missing_data_folder_is_a_problem(tmp_path):
    [problem] = problems_in(tmp_path / "nowhere")
    assert problem.file == str(tmp_path / "nowhere")
    assert "no such data folder" in problem.message


SEVERAL = [
    "YAML syntax error",  # themes.yaml
    "unknown unit",  # indicators.yaml
    "impossible source date",  # sources.yaml
    "string for a number",  # 001
    "quarter 5",  # 002
    "unknown indicator",  # 003
    "duplicate observation id in one file",  # 004
]


def test_several_faults_in_several_files_are_all_reported_at_once(data_copy):
    assert len({FAULTS[name].file for name in SEVERAL}) == len(SEVERAL)
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    problems = problems_in(data_copy)
    for name in SEVERAL:
        assert_reported(problems, data_copy, FAULTS[name])
    assert len(problems) == len(SEVERAL), "\n".join(map(str, problems))


def test_faults_of_both_kinds_in_one_file_are_all_reported(data_copy):
    both = [
        FAULTS["string for a number"],  # 001, schema
        Fault(
            OBS1,
            "s001-green-factories-2024",
            "indicator: national_green_factories_added",
            "indicator: green_factories",
            "indicator: green_factories",
            r"\(observations\[\d+\]\.indicator\)",
            "unknown indicator 'green_factories'",
        ),  # 001, rule
    ]
    for fault in both:
        break_data(data_copy, fault)
    problems = problems_in(data_copy)
    for fault in both:
        assert_reported(problems, data_copy, fault)


def test_misspelt_required_field_is_one_problem(data_copy):
    edit(data_copy / OBS1, 'period: "2024"', 'perod: "2024"', "s001-power-capacity-2024")
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert "did you mean 'period'?" in problems[0].message


def test_misspelt_source_id_is_one_problem(data_copy):
    edit(data_copy / OBS0, 'source: "000_b03947154c0e01ec"', 'source: "000_b03947154c0e01eb"')
    problems = problems_in(data_copy)
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert "unknown source '000_b03947154c0e01eb'" in problems[0].message


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf"])
def test_value_must_be_a_finite_number(data_copy, written):
    edit(data_copy / OBS1, "value: 150", f"value: {written}", "s001-intelligent-coal-mines-built-2024")
    problems = problems_in(data_copy)
    assert any("value" in problem.location for problem in problems)


def test_duplicate_key_in_an_entry_is_a_problem(data_copy):
    edit(
        data_copy / OBS1,
        "    value: 150\n",
        "    value: 150\n    value: 15\n",
        "s001-intelligent-coal-mines-built-2024",
    )
    problems = problems_in(data_copy)
    assert any(problem.file == str(data_copy / OBS1) for problem in problems)


def test_unquoted_dates_and_years_are_read_as_periods(data_copy):
    edit(data_copy / OBS2, 'period: "2024-12-31"', "period: 2024-12-31", "s002-cargo-trains-2024")
    edit(data_copy / OBS2, 'period: "2025"', "period: 2025", "s002-gdp-growth-2025")
    obs = load_data_layer(data_copy).observations.set_index("observation_id")
    assert (obs.loc["s002-cargo-trains-2024", "period"], obs.loc["s002-cargo-trains-2024", "period_type"]) == (
        "2024-12-31",
        "date",
    )
    assert obs.loc["s002-gdp-growth-2025", "period"] == "2025"


def test_rank_target_beaten_by_a_better_rank_is_achieved(data_copy):
    edit(
        data_copy / OBS2,
        "observations:\n",
        "observations:\n  - id: s002-mines-rank-target\n    indicator: intelligent_coal_mines_rank\n"
        '    value: 3\n    kind: target\n    period: "2024-12-31"\n',
    )
    pair = row(load_data_layer(data_copy).plan_vs_outcome, "target_id", "s002-mines-rank-target")
    assert pair["outcome_value"] == 1
    assert pair["status"] == "achieved"


# --- safety: no code execution, no writes ----------------------------------------------------


@pytest.mark.parametrize(
    "file, entry, old, template",
    [
        ("themes.yaml", None, None, '!!python/object/apply:os.system ["touch {marker}"]\n'),
        (
            OBS1,
            "s001-intelligent-coal-mines-built-2024",
            "value: 150",
            'value: !!python/object/apply:os.system ["touch {marker}"]',
        ),
        (OBS1, "s001-intelligent-coal-mines-built-2024", "value: 150", "value: !!python/name:os.system"),
    ],
    ids=["whole document", "one value", "name tag"],
)
def test_python_tags_are_refused_not_run(data_copy, tmp_path, file, entry, old, template):
    marker = tmp_path / "code-ran"
    payload = template.format(marker=marker)
    if old is None:
        _write(data_copy, file, payload)
    else:
        edit(data_copy / file, old, payload, entry)
    [problem] = problems_in(data_copy)
    assert not marker.exists(), "a python tag in the data was executed"
    assert problem.file == str(data_copy / file)
    assert re.match(rf"line {line_of(data_copy / file, payload.splitlines()[0])}\b", problem.location)
    assert "python/" in problem.message


def test_loading_the_real_data_writes_nothing():
    before = snapshot(DATA)
    load_data_layer(DATA)
    assert snapshot(DATA) == before


def test_a_failed_load_writes_nothing(data_copy):
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    before = snapshot(data_copy.parent)
    problems_in(data_copy)
    assert snapshot(data_copy.parent) == before


# --- the command line ------------------------------------------------------------------------


def test_cli_check_summarises_the_real_data(layer):
    result = run_cli("check")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    obs, pairs = layer.observations, layer.plan_vs_outcome
    assert result.stdout.startswith("OK: ")
    assert f"{len(obs)} observations of {obs['indicator_id'].nunique()} indicators" in result.stdout
    assert f"from {len(layer.sources)} sources; {len(pairs)} targets" in result.stdout
    assert f"Periods inferred rather than stated: {int(obs['period_inferred'].sum())}" in result.stdout


def test_cli_check_lists_every_problem_and_exits_1(data_copy):
    for name in SEVERAL:
        break_data(data_copy, FAULTS[name])
    problems = problems_in(data_copy)
    result = run_cli("check", str(data_copy))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"{len(problems)} problem(s) found" in output
    for problem in problems:
        assert str(problem) in output


def test_cli_check_on_a_missing_folder_exits_1(tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere"))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "no such data folder" in output


def test_cli_check_on_data_with_no_targets(data_copy):
    for path in (data_copy / "observations").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("kind: target", "kind: outcome"), encoding="utf-8")
    assert load_data_layer(data_copy).plan_vs_outcome.empty
    result = run_cli("check", str(data_copy))
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output


# --- the figures against the source documents ------------------------------------------------

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
RANK_WORDS = {1: ["first", "largest", "highest"]}
SCALED_UNITS = {"yuan", "kilowatts", "kilowatt_hours", "cubic_meters"}
SCALES = [(1e9, "billion"), (1e6, "million")]
# What must follow the number in the text, by unit; counts and ranks stand alone.
UNIT_AFTER = {
    "percent": r"\s*(?:percent|%)",
    "percentage_points": r"\s+percentage points?",
    "yuan": r"\s+yuan",
    "kilowatts": r"[\s-]+(?:kilowatts?|kW)",
    "kilowatt_hours": r"\s+kilowatt-hours?",
    "cubic_meters": r"\s+cubic met(?:er|re)s",
    "micrograms_per_cubic_meter": r"\s+micrograms per cubic met(?:er|re)",
    "places": r"\s+places",
    "years": r"\s+consecutive years",
    "count": "",
}
HEDGES = {
    "more than": ["more than", "over", "exceeded", "surpassed"],
    "at least": ["at least", "no less than"],
    "about": ["about", "around", "nearly", "approximately"],
}
# Figures the text gives as a phrase no number pattern can honestly catch; each is checked by its
# phrase instead. 100% of county hospitals is written "All county-level general hospitals meet...".
SPELLED_OUT = {"s004-county-hospitals-grade-2a": "All county-level general hospitals meet Grade 2A standards"}


def _digits(value: float) -> list[str]:
    """Digits as a writer sets them: 23.9; 108000 and 108,000."""
    written = [f"{value:.10g}"]
    if float(value).is_integer() and abs(value) >= 1000:
        written.append(f"{int(value):,}")
    return [re.escape(text) for text in written]


def figure_pattern(value: float, unit: str) -> re.Pattern[str]:
    """Every way the text might write `value` in `unit`, standing alone (not inside 2024 or 16.5)."""
    whole = int(value) if float(value).is_integer() else None
    if unit == "rank":
        forms = [*RANK_WORDS.get(whole, []), rf"No\.\s*{value:.10g}"]
    elif unit == "times":
        forms = [rf"{word}fold" for word in [NUMBER_WORDS.get(whole)] if word] + [
            rf"{digits}\s*(?:times|-fold)" for digits in _digits(value)
        ]
    else:
        numbers = _digits(value) + ([NUMBER_WORDS[whole]] if whole in NUMBER_WORDS else [])
        if unit in SCALED_UNITS:
            for size, word in SCALES:
                if value >= size:
                    numbers = [rf"{digits}[\s-]{word}" for digits in _digits(value / size)]
                    break
        forms = [f"(?:{number}){UNIT_AFTER[unit]}" for number in numbers]
    return re.compile(rf"(?<![\w.,$])(?:{'|'.join(forms)})(?!\w|[.,]\d)", re.IGNORECASE)


def hedge_before(text: str, start: int) -> str:
    """The qualifier the words just before `start` put on the figure, or ""."""
    before = text[max(0, start - 20) : start].lower()
    for qualifier, words in HEDGES.items():
        if any(re.search(rf"\b{word}\s+$", before) for word in words):
            return qualifier
    return ""


# Words too common in these documents to tie a sentence to one indicator.
COMMON_WORDS = {
    "the", "and", "for", "with", "from", "into", "its", "new", "end", "made", "use", "run", "row", "rated",
    "national", "number", "rank", "year", "years", "yearly", "growth", "share", "change", "rise", "total",
    "level", "provincial", "province", "shanxi", "china", "added", "value", "large", "firms", "revenue",
    "build", "among",
}  # fmt: skip
AMONG_THE_TOP = re.compile(r"among the top", re.IGNORECASE)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) >= 3} - {
        word[:5] for word in COMMON_WORDS
    }


def _sentence_around(text: str, start: int, end: int) -> str:
    breaks = [match.end() for match in re.finditer(r"[.!?](?=\s)|\n", text)]
    left = max((at for at in breaks if at <= start), default=0)
    right = min((at for at in breaks if at >= end), default=len(text))
    return text[left:right]


def figures_in(text: str, value: float, unit: str, indicator_name: str) -> list[str]:
    """The hedge ("" for none) on each place the text writes `value` in `unit` in a sentence that
    names the indicator (shares a word stem with its name)."""
    pattern = AMONG_THE_TOP if math.isnan(value) else figure_pattern(value, unit)
    subject = _stems(indicator_name)
    return [
        hedge_before(text, match.start())
        for match in pattern.finditer(text)
        if subject & _stems(_sentence_around(text, match.start(), match.end()))
    ]


@pytest.fixture(scope="module")
def seed_texts(layer) -> dict[str, str]:
    return {source.id: (SEEDS / source.file).read_text(encoding="utf-8") for source in layer.sources.itertuples()}


@needs_seeds
def test_every_source_file_is_a_seed_document(layer):
    assert sorted(layer.sources["file"]) == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert (layer.sources["file"] == layer.sources["id"] + ".txt").all()


S000, S001, S002, S003, S004 = (Path(name).stem for name in (OBS0, OBS1, OBS2, OBS3, OBS4))


@needs_seeds
@pytest.mark.parametrize(
    "value, unit, name, source, found",
    [
        (7.66e9, "kilowatt_hours", "Green electricity traded", S002, True),
        (7.67e9, "kilowatt_hours", "Green electricity traded", S002, False),
        (108_000, "count", "5G base stations", S002, True),
        (108, "count", "5G base stations", S002, False),  # only inside 108,000
        (5, "count", "5G base stations", S002, False),  # a 5 is there, in a sentence about GDP
        (23.9, "percent", "Industrial added value growth", S003, True),
        (23, "percent", "Industrial added value growth", S003, False),  # only inside 23.9 and 23.8
        (6.3e6, "kilowatts", "Coal-fired generating capacity to renovate", S001, True),
        (145e6, "yuan", "Installed electric power capacity", S001, False),  # the number is there, in kW
        (2, "times", 'Growth of "new three" exports', S002, True),
        (1, "rank", "National rank by number of intelligent coal mines", S002, True),
        (1, "rank", "National rank by North China leopard population", S002, False),  # "first", not of leopards
        (2, "rank", "National rank by number of intelligent coal mines", S002, False),
        (5, "places", "Change in national innovation-capacity rank", S000, True),
        (6, "years", "Years in a row rated Level A on migrant workers' wage payment", S004, True),
        (7, "years", "Years in a row rated excellent on pollution control", S004, False),  # seven rivers
        (math.nan, "rank", "National rank in the comprehensive computing power index", S002, True),
        (math.nan, "rank", "National rank in average years of education", S002, False),  # said in 004
    ],
)
def test_figure_matcher_finds_what_is_written_and_nothing_else(seed_texts, value, unit, name, source, found):
    assert bool(figures_in(seed_texts[source], value, unit, name)) is found


@needs_seeds
def test_every_figure_appears_in_its_source_document_with_its_hedge(layer, seed_texts):
    """Each value, as the text would write it, is in a sentence about its indicator in the document it
    cites; an exact figure appears there at least once unhedged, a hedged one at least once behind a
    word for its qualifier. (Where two figures share a sentence, as the 2025 GDP and retail targets
    do, a lost hedge can hide behind the other figure; test_hedged_figures_keep_their_qualifier pins
    those.)"""
    wrong, checked = [], 0
    for obs in layer.observations.itertuples():
        text = seed_texts[obs.source_id]
        if obs.observation_id in SPELLED_OUT:
            assert SPELLED_OUT[obs.observation_id] in text, obs.observation_id
            continue
        checked += 1
        hedges = set(figures_in(text, obs.value, obs.unit, obs.indicator))
        qualifier = "" if obs.qualifier == "among the top" else obs.qualifier
        if not hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} not in a sentence about it in {obs.source_id}")
        elif qualifier not in hedges:
            wrong.append(f"{obs.observation_id}: {obs.value_label} written with hedges {hedges}, not {qualifier!r}")
    assert not wrong, "\n".join(wrong)
    assert set(SPELLED_OUT) <= set(layer.observations["observation_id"]), "an exemption names no observation"
    assert checked == len(layer.observations) - len(SPELLED_OUT)
