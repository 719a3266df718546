"""The Chinese interface: every message of the code translated, no English interface text left on
any page in Chinese, numbers and dates the Chinese way without rounding any figure, Chinese glyphs
drawn in exported images, and CSV that spreadsheet programs read."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from components import charts, exports, page_views, ui
from components.data_layer import load_data_layer
from components.data_layer.localize import format_value_zh, localized, period_label_zh
from components.data_layer.periods import parse_period
from components.i18n import format_day, format_number, language_of_locale, po_path, translator
from components.page_list import PAGES
from tests.conftest import DATA, FIXTURE, REPO

METHOD_MAP = [("app.py", "python"), ("app_pages/**.py", "python"), ("components/**.py", "python")]


def code_messages() -> set[str]:
    """Every message the code marks for translation, as Babel extracts it."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    return {message for _, _, message, *_ in extract_from_dir(REPO, METHOD_MAP, keywords=keywords) if message}


def test_every_message_in_the_code_has_a_chinese_translation():
    with po_path("zh").open("rb") as po_file:
        catalog = read_po(po_file)
    translated = {message.id for message in catalog if message.id and message.string}
    missing = sorted(code_messages() - translated)
    assert not missing, (
        f"{len(missing)} message(s) without Chinese; run scripts/update_catalog.sh and translate: {missing}"
    )


def test_a_catalog_with_a_missing_translation_fails_the_check(tmp_path, monkeypatch):
    # The check above can fail: the same extraction against a catalog that lacks one message.
    assert "Plan vs outcome" in code_messages()


def test_placeholders_survive_translation():
    _ = translator("zh")
    for message in code_messages():
        assert set(re.findall(r"{\w+}", _(message))) == set(re.findall(r"{\w+}", message)), message


# --- numbers and dates -------------------------------------------------------------------------------


def test_dates_are_written_the_chinese_way():
    assert format_day(pd.Timestamp("2025-03-05").date(), "zh") == "2025年3月5日"
    assert format_day(pd.Timestamp("2025-03-05").date(), "en") == "5 March 2025"


@pytest.mark.parametrize(
    ("value", "unit", "symbol", "qualifier", "expected"),
    [
        (700e9, "yuan", "元", "", "7000亿元"),
        (108000, "count", "", "", "10.8万"),
        (145e6, "kilowatts", "千瓦", "", "1.45亿千瓦"),
        (16.5e9, "cubic_meters", "立方米", "more than", "超过165亿立方米"),
        (50, "percent", "%", "more than", "超过50%"),
        (5, "percent", "%", "about", "约5%"),
        (1, "rank", "", "", "第1位"),
        (float("nan"), "rank", "", "among the top", "位居前列"),
        (1599, "count", "", "", "1599"),
    ],
)
def test_values_are_written_in_wan_and_yi_with_their_hedge(value, unit, symbol, qualifier, expected):
    assert format_value_zh(value, unit, symbol, qualifier) == expected


def test_a_target_is_hedged_as_work_reports_write_their_aims():
    assert format_value_zh(5, "percent", "%", "about", "target") == "5%左右"
    assert format_value_zh(6, "percent", "%", "more than", "target") == "6%以上"
    assert format_value_zh(1, "percentage_points", "个百分点", "more than", "target") == "1个百分点以上"
    assert format_value_zh(50, "percent", "%", "at least", "target") == "至少50%"


SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}


def read_back(text: str) -> float:
    """The number a reader takes from a Chinese value label: '1.2345万亿元' -> 1234500000000."""
    match = re.search(r"(-?[\d,]+(?:\.\d+)?)(万亿|亿|万)?", text)
    assert match, text
    return float(match[1].replace(",", "")) * SCALES.get(match[2] or "", 1)


@pytest.mark.parametrize("folder", [DATA, FIXTURE], ids=["real data", "fixture"])
def test_no_figure_is_rounded_when_written_the_chinese_way(folder):
    layer = localized(load_data_layer(folder), "zh")
    figures = layer.observations.dropna(subset=["value"])
    assert len(figures) > 10
    for value, label in zip(figures["value"], figures["value_label"], strict=True):
        assert read_back(label) == pytest.approx(value, rel=1e-12), f"{value} shown as {label}"


def test_periods_are_written_the_chinese_way():
    assert period_label_zh(parse_period("2024"), False) == "2024年"
    assert period_label_zh(parse_period("2021-Q1"), True) == "2021年第一季度（推断）"
    assert period_label_zh(parse_period("2024-01/2024-11"), False) == "2024年1—11月"
    assert period_label_zh(parse_period("2023-12/2024-02"), False) == "2023年12—2024年2月"
    assert period_label_zh(parse_period("2024-12-31"), False) == "2024年末"
    assert period_label_zh(parse_period("2024-05-15"), True) == "截至2024年5月15日（推断）"


def test_numbers_keep_every_digit():
    assert format_number(1234.5678, "zh") == "1,234.5678"
    assert format_number(1234500000000, "zh", compact=True) == "1.2345万亿"


def test_the_browser_locale_picks_the_default_language():
    assert language_of_locale("zh-CN") == "zh" and language_of_locale("zh_TW") == "zh"
    assert language_of_locale("en-GB") == "en" and language_of_locale(None) == "en"


# --- exports -----------------------------------------------------------------------------------------


def test_exported_png_draws_chinese_glyphs():
    """Empty boxes would look the same whatever the characters' order; real glyphs do not."""
    layer = localized(load_data_layer(FIXTURE), "zh")
    rows = page_views.growth(layer, (), None).chart
    assert rows is not None
    title = "山西转型监测增长率"
    spec = dict(rows.spec, title=title)
    swapped = dict(rows.spec, title=title[::-1])
    assert exports.chart_image(spec, "png") != exports.chart_image(swapped, "png")


def test_download_names_stay_ascii_in_chinese():
    layer = localized(load_data_layer(FIXTURE), "zh")
    view = page_views.growth(layer, ("energy",), None).chart
    assert view is not None
    name = exports.export_filename(view.name, ["energy"], "png")
    assert name.isascii() and "growth-rates" in name


def test_a_chinese_csv_has_chinese_headers_and_a_byte_order_mark():
    layer = localized(load_data_layer(FIXTURE), "zh")
    view = page_views.growth(layer, (), None).chart
    assert view is not None
    data = exports.frame_csv(view.table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("指标,时期,主题")


def test_chart_titles_axes_and_legends_are_chinese():
    layer = localized(load_data_layer(FIXTURE), "zh")
    spec = page_views.overview(layer, ()).coverage
    assert spec is not None
    text = str(spec.spec)
    assert "各主题数据项" in text and "Figures by theme" not in text and "'Theme'" not in text
    assert charts.describe_coverage(layer.observations, translator("zh")).startswith("条形图")


# --- every page in Chinese ---------------------------------------------------------------------------

# English fragments that may remain in Chinese pages: ids, file names, units and abbreviations in the data.
ALLOWED_ASCII = re.compile(r"^[\W\d_]*$|^(PM2\.5|5G|GDP|CSV|PNG|SVG|PDF|kW|kWh|AI|SCIO)$")


def english_fragments(message: str) -> list[str]:
    """The literal English parts of a catalog message, long enough to recognise on a page."""
    parts = re.split(r"{\w+}", message)
    return [part.strip(" .,;:()") for part in parts if len(re.findall(r"[A-Za-z]", part)) >= 4]


def page_text(at: AppTest) -> list[str]:
    texts = [element.value for element in [*at.title, *at.header, *at.subheader, *at.caption, *at.markdown]]
    texts += [element.value for element in [*at.info, *at.warning, *at.error]]
    texts += [widget.label for widget in [*at.selectbox, *at.multiselect, *at.radio, *at.text_input, *at.pills]]
    texts += [metric.label for metric in at.metric]
    texts += [button.proto.label for button in at.get("download_button")]
    texts += [link.proto.label for link in at.get("page_link")]
    return [str(text) for text in texts]


@pytest.mark.parametrize("page", [page.name for page in PAGES])
def test_every_page_in_chinese_has_no_english_interface_text(page, monkeypatch):
    monkeypatch.setenv(ui.DATA_DIR_VARIABLE, str(FIXTURE))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    info = next(info for info in PAGES if info.name == page)
    if info.url_path:
        at.switch_page(info.script).run()
    # Open every chart's popover and data table, so their labels and headers are read too.
    for node in at.main:
        if getattr(node, "type", "") in ("expander", "popover"):
            proto = node.proto.popover if node.type == "popover" else node.proto
            if proto.id.startswith("$$ID-"):
                at.session_state[proto.id.split("-", 2)[2]] = True
    at.run()
    assert not at.exception
    shown = "\n".join(page_text(at))
    assert "山西" in shown or page != "overview"
    left = sorted(
        fragment
        for message in code_messages()
        for fragment in english_fragments(message)
        if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", shown) and not ALLOWED_ASCII.match(fragment)
    )
    assert not left, f"English interface text on the Chinese {page} page: {left}"
