"""Editions: the monitor as known on a date. Statuses judged on that date (pending, not reported),
"about" targets within their tolerance, a next edition that moves statuses, what changed between
two editions, and the `changes` command. On the small fixtures only."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from components.data_layer import DataLayerError, edition, load_data_layer
from components.data_layer.changes import CHANGE_COLUMNS, changes_between
from components.data_layer.plan_vs_outcome import judge
from components.data_layer.vocabulary import ABOUT_TOLERANCE
from components.views.reasons import word_reason
from tests.conftest import FIXTURE, REPO
from tests.test_data_layer import edit

NEXT = REPO / "tests" / "fixtures" / "next_edition"


def statuses(layer) -> dict[str, str]:
    return dict(zip(layer.plan_vs_outcome["target_id"], layer.plan_vs_outcome["status"], strict=True))


# --- "about" targets ------------------------------------------------------------------------------


def test_the_about_tolerance_is_two_percent_of_the_target():
    assert ABOUT_TOLERANCE == 0.02  # the README's method section states this figure


@pytest.mark.parametrize(
    ("outcome", "higher_is_better", "status"),
    [
        (4.9, True, "achieved"),  # just inside: 2% of 5 is 0.1
        (4.89, True, "missed"),  # just outside
        (5.0, True, "achieved"),
        (5.1, False, "achieved"),  # a ceiling of about 5 allows up to 5.1
        (5.11, False, "missed"),
    ],
)
def test_an_about_target_is_met_within_its_tolerance(outcome, higher_is_better, status):
    assert judge(5.0, "about", outcome, "", higher_is_better)[0] == status


def test_an_outcome_inside_the_tolerance_says_so():
    status, reason = judge(5.0, "about", 4.95, "", True)
    assert status == "achieved" and "within 2% of an 'about' target" in word_reason(*reason, str)


def test_an_exact_target_has_no_tolerance():
    assert judge(5.0, "", 4.99, "", True)[0] == "missed"


# --- statuses as of a date ------------------------------------------------------------------------


def test_the_default_edition_is_the_newest_source():
    layer = load_data_layer(FIXTURE)
    assert layer.as_of == date(2025, 1, 15)
    assert [str(day.date()) for day in layer.editions["date"]] == ["2025-01-15", "2024-01-20", "2023-04-20"]


def test_targets_are_pending_while_their_period_runs():
    layer = load_data_layer(FIXTURE, as_of=date(2024, 6, 30))  # any date, not only an edition's
    assert set(layer.sources["id"]) == {"fx1_plan_2024", "fx3_undated_brief"}
    assert set(statuses(layer).values()) == {"pending"}, "no 2024 target can be judged before 2024 ends"


def test_targets_are_not_reported_once_their_period_has_ended_with_no_outcome():
    # 2024 has ended, but the review reporting its outcomes is not public until 2025-01-15.
    layer = load_data_layer(FIXTURE, as_of=date(2025, 1, 14))
    assert statuses(layer)["fx1-clean-power-share-2024"] == "not reported"
    pair = layer.plan_vs_outcome.set_index("target_id").loc["fx1-wind-solar-added-2024"]
    assert "2025-01-14" in word_reason(pair["status_reason_code"], pair["status_reason_params"], str)


def test_a_date_before_the_first_edition_knows_nothing():
    layer = load_data_layer(FIXTURE, as_of=date(2020, 1, 1))
    assert layer.observations.empty and layer.plan_vs_outcome.empty and layer.sources.empty
    assert len(layer.editions) == 3, "the editions stay listed, to choose a later one"


def test_an_edition_of_an_edition_is_the_same_as_loading_it():
    newest = load_data_layer(FIXTURE)
    assert statuses(edition(newest, date(2024, 1, 20))) == statuses(load_data_layer(FIXTURE, date(2024, 1, 20)))


# --- the next edition -------------------------------------------------------------------------------


def test_the_next_edition_moves_one_pending_target_to_achieved_and_one_to_missed():
    before = statuses(load_data_layer(NEXT, as_of=date(2025, 1, 15)))
    after = statuses(load_data_layer(NEXT))
    moved = {target: (before[target], after[target]) for target in before if before[target] != after[target]}
    assert moved == {
        "fx2-industrial-growth-2025": ("pending", "achieved"),  # 5.9% against about 6%: inside the tolerance
        "fx2-good-air-days-2025": ("pending", "missed"),
    }


def test_what_changed_lists_new_outcomes_a_restated_figure_and_moved_statuses():
    layer = load_data_layer(NEXT)
    table = changes_between(edition(layer, date(2025, 1, 15)), layer)
    assert list(table.columns) == CHANGE_COLUMNS
    rows = [tuple(row) for row in table[["change", "indicator", "before", "after"]].itertuples(index=False)]
    assert rows == [
        ("outcome reported", "Share of days with good air", "", "76%"),
        ("outcome reported", "Industrial output growth", "", "5.9%"),
        ("figure restated", "Smart coal mines in operation", "310", "312"),
        ("status moved", "Share of days with good air", "pending", "missed"),
        ("status moved", "Industrial output growth", "pending", "achieved"),
    ]
    moved = table[table["change"] == "status moved"]
    assert set(moved["source_before"]) == {"Fixture review of 2024"}, "the side each status came from"
    assert set(moved["source_after"]) == {"Fixture review of 2025"}


def test_an_edition_compared_with_itself_has_no_changes():
    layer = load_data_layer(NEXT)
    assert changes_between(layer, layer).empty


def test_targets_set_in_a_later_edition_are_listed():
    layer = load_data_layer(FIXTURE)
    table = changes_between(edition(layer, date(2024, 1, 20)), layer)
    targets = table[table["change"] == "target set"]
    assert sorted(targets["indicator"]) == ["Industrial output growth", "Share of days with good air"]


# --- the data files and the command line ------------------------------------------------------------


def test_a_source_without_an_edition_date_is_a_problem_with_file_and_line(data_copy):
    edit(data_copy / "sources.yaml", "    edition: {date: 2024-01-20}\n", "")
    with pytest.raises(DataLayerError) as caught:
        load_data_layer(data_copy)
    (problem,) = caught.value.problems
    assert problem.file.endswith("sources.yaml") and problem.location.startswith("line ")
    assert "edition" in problem.message


def test_an_impossible_edition_date_is_a_problem(data_copy):
    edit(data_copy / "sources.yaml", "edition: {date: 2024-01-20}", "edition: {date: 2024-02-30}")
    with pytest.raises(DataLayerError) as caught:
        load_data_layer(data_copy)
    (problem,) = caught.value.problems
    assert "edition.date" in problem.location and problem.message == "not a real date"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "components.data_layer", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60, check=False)


def test_cli_changes_prints_what_moved_between_two_editions():
    result = run_cli("changes", "--since", "2025-01-15", str(NEXT))
    assert result.returncode == 0, result.stderr
    assert "known on 2025-01-15 to the monitor as known on 2026-01-20" in result.stdout
    assert "Status moved: 2" in result.stdout
    assert "Industrial output growth, 2025: pending -> achieved" in result.stdout
    assert "Smart coal mines in operation, as of 2024-12-31: 310 -> 312" in result.stdout


def test_cli_changes_takes_any_as_of_date():
    # On 31 December a 2024 target is still pending: its period ends with that day.
    result = run_cli("changes", "--since", "2024-01-20", "--as-of", "2024-12-31", str(NEXT))
    assert result.returncode == 0, result.stderr
    assert "Target set: 0" in result.stdout and "Status moved: 0" in result.stdout


@pytest.mark.parametrize(
    "args", [("--since", "2025-13-01"), ("--since", "yesterday"), ("--since", "2025-01-15", "--as-of", "2025-02-30")]
)
def test_cli_changes_with_a_malformed_date_says_so_in_one_line_and_exits_2(args):
    result = run_cli("changes", *args, str(FIXTURE))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


def test_cli_changes_with_since_after_as_of_exits_2():
    result = run_cli("changes", "--since", "2025-06-01", "--as-of", "2025-01-01", str(FIXTURE))
    assert result.returncode == 2 and "after" in result.stderr
