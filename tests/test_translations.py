"""Chinese labels in the data: every English text may have a `<field>_zh` beside it. `check` warns of each
one missing, with its file and line, and still exits 0 (a report can land in English first); `check
--strict` makes them problems. The frames carry the Chinese, "" where it is missing, so the app can fall
back to the English. Run on the real data/ (complete), tests/fixtures/small (complete) and
tests/fixtures/next_edition (its new report fx4 has no Chinese yet)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from components.data_layer import load_data_layer
from components.data_layer.__main__ import main
from components.data_layer.localize import localized
from components.data_layer.reading import OBSERVATIONS_SCHEMA, TOP_LEVEL_FILES
from components.data_layer.translations import TRANSLATABLE, missing_translations, translation
from tests.conftest import DATA, FIXTURE, REPO
from tests.test_data_layer import _entry_span, edit, line_of, run_cli

NEXT = REPO / "tests" / "fixtures" / "next_edition"
FX4 = "observations/fx4_review_2025.yaml"


def check(capsys, *args: str) -> tuple[int, str, str]:
    """Run `python -m components.data_layer check ARGS` in-process: exit code, stdout, stderr."""
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def line_in_entry(path: Path, entry: str, needle: str) -> int:
    """The line of the one `needle` inside the list entry whose id is `entry`."""
    text = path.read_text(encoding="utf-8")
    start, end = _entry_span(text, entry)
    assert text.count(needle, start, end) == 1, f"{needle!r} should occur once in {entry}"
    return text[: text.index(needle, start, end)].count("\n") + 1


def warnings(stderr: str) -> list[str]:
    return [line.removeprefix("warning: ") for line in stderr.splitlines() if line.startswith("warning: ")]


# --- complete data passes --strict ---------------------------------------------------------------


@pytest.mark.parametrize("folder", [DATA, FIXTURE], ids=["data", "small"])
def test_strict_check_passes_where_every_label_has_its_chinese(capsys, folder):
    code, out, err = check(capsys, "--strict", str(folder))
    assert code == 0, err
    assert out.startswith(f"OK: {folder}: ")
    assert err == ""


def test_strict_check_passes_on_the_real_data_from_the_command_line():
    result = run_cli("check", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


# --- a report in English first --------------------------------------------------------------------


def fx4_missing() -> set[str]:
    """Where fx4's English labels are, worked out from the files: file, line and field of each."""
    sources = NEXT / "sources.yaml"
    fields = {"title": "title: ", "outlet": "outlet: ", "type": "type: ", "summary": "summary: "}
    expected = {
        f"{sources}: line {line_in_entry(sources, 'fx4_review_2025', needle)} (sources[3].{field})"
        for field, needle in fields.items()
    }
    what = line_in_entry(sources, "fx4_review_2025", "what: work report delivered")
    expected.add(f"{sources}: line {what} (sources[3].dates[0].what)")
    note = line_of(NEXT / FX4, "note: ")
    expected.add(f"{NEXT / FX4}: line {note} (observations[2].note)")
    return expected


def test_check_warns_of_each_missing_chinese_label_and_exits_0(capsys):
    code, out, err = check(capsys, str(NEXT))
    assert code == 0, err
    assert out.startswith(f"OK: {NEXT}: ")
    found = warnings(err)
    assert len(found) == len(err.splitlines()) == 6, err  # every line of stderr is a warning
    assert {re.sub(r": no Chinese: add '\w+'$", "", line) for line in found} == fx4_missing()
    for line in found:
        field = re.search(r"\.(\w+)\): no Chinese: add '(\w+)'$", line)
        assert field and field[2] == translation(field[1], "zh"), line


def test_strict_check_lists_the_missing_labels_as_problems_and_exits_1(capsys):
    code, out, err = check(capsys, "--strict", str(NEXT))
    assert code == 1
    assert out == ""
    assert err.splitlines()[0] == f"6 problem(s) found in {NEXT}:"
    assert {re.sub(r": no Chinese: add '\w+'$", "", line.strip()) for line in err.splitlines()[1:]} == fx4_missing()


def test_the_loader_does_not_fail_on_missing_chinese():
    layer = load_data_layer(NEXT)
    assert "fx4_review_2025" in set(layer.sources["id"])


# --- one fault, one warning ------------------------------------------------------------------------


def test_a_removed_label_zh_gives_exactly_one_warning_naming_file_line_and_field(capsys, data_copy):
    themes = data_copy / "themes.yaml"
    edit(themes, "    label_zh: 工业\n", "", "industry")
    label_line = line_in_entry(themes, "industry", "label: Industry")

    code, _, err = check(capsys, str(data_copy))

    assert code == 0
    assert warnings(err) == [f"{themes}: line {label_line} (themes[1].label): no Chinese: add 'label_zh'"]
    [problem] = missing_translations(data_copy)
    assert (problem.file, problem.location) == (str(themes), f"line {label_line} (themes[1].label)")


def test_other_figures_zh_must_have_one_item_for_each_figure(data_copy):
    sources = data_copy / "sources.yaml"
    edit(sources, '    other_figures_zh:\n      - "一条', '    other_figures_zh: []\n    # - "一条', "fx2_review_2024")
    [problem] = missing_translations(data_copy)
    assert problem.file == str(sources)
    assert problem.location == f"line {line_of(sources, 'other_figures_zh: []')} (sources[1].other_figures_zh)"
    assert problem.message == "'other_figures_zh' has 0 item(s) for the 1 of 'other_figures'"
    assert row(load_data_layer(data_copy).sources, "fx2_review_2024")["other_figures_zh"] == []


def test_a_translation_into_a_language_with_no_record_is_named(data_copy):
    themes = data_copy / "themes.yaml"
    edit(themes, "    label_zh: 工业\n", "    label_zh: 工业\n    label_hz: 工业\n", "industry")
    [problem] = missing_translations(data_copy)
    assert problem.location == f"line {line_of(themes, 'label_hz: ')} (themes[1].label_hz)"
    assert problem.message == "'label_hz' would never be shown: no language 'hz' in locales/ (there: zh)"


def test_an_empty_english_text_needs_no_chinese(data_copy):
    units = data_copy / "units.yaml"
    assert 'symbol: ""' in units.read_text(encoding="utf-8")  # count and rank: nothing to translate
    assert missing_translations(data_copy) == []


# --- what the check covers is what the schema allows ------------------------------------------------


def test_the_schema_allows_a_translation_of_each_translatable_field_in_any_language():
    """The schema's patternProperties let any language's `<field>_<code>` in, for exactly the fields
    the check covers: a new language needs no schema change."""
    schema = yaml.safe_load((DATA / "schema.yaml").read_text(encoding="utf-8"))["$defs"]

    def walk(node, key: str) -> set[str]:
        if isinstance(node, dict):
            return set(node.get(key, {})).union(*(walk(value, key) for value in node.values()))
        return set().union(*(walk(value, key) for value in node)) if isinstance(node, list) else set()

    for definition in [*TOP_LEVEL_FILES.values(), OBSERVATIONS_SCHEMA]:
        patterns = walk(schema[definition], "patternProperties")

        def allowed(name: str) -> bool:
            return any(re.search(pattern, name) for pattern in patterns)  # noqa: B023 - used in this loop only

        translatable = {field for entry in TRANSLATABLE[definition] for field in entry.fields}
        for code in ("zh", "fr", "xx"):
            assert {field for field in translatable if allowed(translation(field, code))} == translatable, definition
        others = walk(schema[definition], "properties") - translatable
        assert not [name for name in others if allowed(translation(name, "zh"))], definition


# --- the frames carry the Chinese ----------------------------------------------------------------------

CHINESE_COLUMNS = {
    "themes": ["label_zh", "description_zh"],
    "units": ["label_zh", "symbol_zh"],
    "indicators": ["name_zh", "description_zh", "not_comparable_reason_zh"],
    "sources": ["title_zh", "outlet_zh", "type_zh", "summary_zh", "dates_zh", "date_note_zh", "other_figures_zh"],
    "observations": ["indicator_zh", "theme_label_zh", "unit_label_zh", "source_title_zh", "note_zh"],
}


def row(frame, key):
    return frame.set_index("id").loc[key]


def test_every_frame_ends_with_its_chinese_columns(fixture_layer):
    for name, columns in CHINESE_COLUMNS.items():
        frame = getattr(fixture_layer, name)
        assert list(frame.columns[-len(columns) :]) == columns, name


def test_the_frames_hold_the_chinese_as_written(fixture_layer):
    assert row(fixture_layer.themes, "ecology")["label_zh"] == "生态"
    assert row(fixture_layer.units, "yuan")[["label_zh", "symbol_zh"]].tolist() == ["元", "元"]
    assert row(fixture_layer.units, "count")["symbol_zh"] == ""  # no symbol in either language
    built = row(fixture_layer.indicators, "smart_coal_mines_built")
    assert built["name_zh"] == "年内拟建设的智能化煤矿" and built["not_comparable_reason_zh"].startswith("该目标")
    review = row(fixture_layer.sources, "fx2_review_2024")
    assert review["dates_zh"] == "作工作报告 2025-01-15；发布 2025-01-22"
    assert review["other_figures_zh"] == ["一条按时速600公里建造的测试线（技术参数，不是指标）。"]
    assert row(fixture_layer.sources, "fx3_undated_brief")["date_note_zh"].startswith("虚构")
    pm25 = fixture_layer.observations.set_index("observation_id").loc["fx1-pm25-2024"]
    assert pm25[CHINESE_COLUMNS["observations"]].tolist() == [
        "细颗粒物（PM2.5）平均浓度", "生态", "微克/立方米", "2024年测试计划", "这是上限，不是下限。",
    ]  # fmt: skip


def test_a_missing_chinese_label_is_an_empty_string_in_the_frames(data_copy):
    edit(data_copy / "themes.yaml", "    label_zh: 工业\n", "", "industry")
    layer = load_data_layer(NEXT)
    fx4 = row(layer.sources, "fx4_review_2025")
    assert fx4[["title_zh", "outlet_zh", "type_zh", "summary_zh", "dates_zh", "date_note_zh"]].tolist() == [""] * 6
    assert fx4["other_figures_zh"] == []
    restated = layer.observations.set_index("observation_id").loc["fx4-smart-mines-2024"]
    assert restated["note"] and restated["note_zh"] == "" and restated["source_title_zh"] == ""
    assert restated["indicator_zh"] == "运行中的智能化煤矿"  # the indicator itself is translated
    copy = load_data_layer(data_copy)
    assert row(copy.themes, "industry")["label_zh"] == ""
    assert set(copy.observations.loc[copy.observations["theme"] == "industry", "theme_label_zh"]) == {""}
    for name, columns in CHINESE_COLUMNS.items():
        frame = getattr(layer, name)
        assert not frame[columns].isna().any().any(), name


# --- the Chinese keeps the English hedges (real data) -------------------------------------------------

HEDGES = {  # an English hedge -> the words that carry it in Chinese
    r"\bmore than\b": ("超过", "以上"),  # a target's "more than 6%": 6%以上
    r"\bat least\b": ("至少",),
    r"\babout (?=\d|a sixth)": ("约", "左右"),
    r"\b(over|above) \d": ("超过", "以上"),  # "people over 15": 15岁以上
    r"\bamong the top\b": ("前列",),
}


def english_and_chinese(node):
    """Every (English, Chinese) pair of texts in a parsed data file."""
    if isinstance(node, dict):
        for key, value in node.items():
            chinese = node.get(translation(key, "zh"))
            if isinstance(value, str) and isinstance(chinese, str):
                yield value, chinese
            elif isinstance(value, list) and isinstance(chinese, list):
                yield from zip(value, chinese, strict=True)
            yield from english_and_chinese(value)
    elif isinstance(node, list):
        for item in node:
            yield from english_and_chinese(item)


def test_the_chinese_keeps_every_hedge_of_the_english():
    pairs = [
        pair
        for path in sorted(DATA.rglob("*.yaml"))
        if path.name != "schema.yaml"
        for pair in english_and_chinese(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]
    assert len(pairs) > 200
    hedged = 0
    for english, chinese in pairs:
        for hedge, words in HEDGES.items():
            if re.search(hedge, english):
                hedged += 1
                assert any(word in chinese for word in words), f"{english!r} -> {chinese!r} lost {hedge!r}"
    assert hedged >= 8


def test_a_title_the_document_carries_in_chinese_is_not_marked_as_our_translation():
    titles = dict(localized(load_data_layer(DATA), "zh").sources[["id", "title"]].itertuples(index=False))
    assert titles["004_075e29792a1fca0e"].startswith("国务院新闻办公室“推动高质量发展”系列主题新闻发布会")
    assert not titles["004_075e29792a1fca0e"].endswith("（译名）")
    assert titles["000_b03947154c0e01ec"] == "山西推进经济转型与增长（译名）"
