"""The interface's languages: every message of the code translated into Chinese, no English interface
text left on any page in Chinese, numbers and dates each language's way without rounding any figure,
Chinese glyphs drawn in exported images, CSV that spreadsheet programs read; and a language added as
data alone (a pseudo-language built here) working through the same code."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from components import charts, exports, formatting, i18n
from components.data_layer import DataLayer, load_data_layer
from components.data_layer.periods import parse_period
from components.data_layer.translations import missing_translations
from components.formatting import format_day, format_number, format_period, format_value
from components.i18n import language_of_locale, languages, method_notes, po_path, translator
from components.page_list import PAGES
from components.snapshot import Site, build_site
from components.ui.cache import DATA_DIR_VARIABLE
from components.views import frame, growth_rates, overview, plan_vs_outcome
from components.views.common import Choice
from tests.conftest import DATA, FIXTURE, REPO
from tests.test_data_layer import edit

METHOD_MAP = [("app.py", "python"), ("app_pages/**.py", "python"), ("components/**.py", "python")]


def code_messages() -> set[str]:
    """Every message the code marks for translation, as Babel extracts it."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    return {message for _, _, message, *_ in extract_from_dir(REPO, METHOD_MAP, keywords=keywords) if message}


@pytest.mark.parametrize("lang", [code for code in languages() if code != i18n.DEFAULT_LANGUAGE])
def test_every_message_in_the_code_has_a_translation(lang):
    with po_path(lang).open("rb") as po_file:
        catalog = read_po(po_file)
    translated = {message.id for message in catalog if message.id and message.string}
    missing = sorted(code_messages() - translated)
    assert not missing, (
        f"{len(missing)} message(s) without a translation in {po_path(lang)}; run scripts/update_catalog.sh "
        f"and translate: {missing}"
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
    assert format_value(value, unit, symbol, qualifier, "outcome", "zh") == expected


def test_a_target_is_hedged_as_work_reports_write_their_aims():
    assert format_value(5, "percent", "%", "about", "target", "zh") == "5%左右"
    assert format_value(6, "percent", "%", "more than", "target", "zh") == "6%以上"
    assert format_value(1, "percentage_points", "个百分点", "more than", "target", "zh") == "1个百分点以上"
    assert format_value(50, "percent", "%", "at least", "target", "zh") == "至少50%"


@pytest.mark.parametrize(
    ("gap", "percent", "unit", "symbol", "qualifier", "lang", "expected"),
    [
        (5e9, 2.0, "yuan", " yuan", "", "en", "+5 billion yuan (+2.0%)"),
        (5e9, 2.0, "yuan", "元", "", "zh", "+50亿元（+2.0%）"),
        (-1.2e6, -3.0, "kilowatts", "千瓦", "", "zh", "-120万千瓦（-3.0%）"),
        (3, 6.4, "percent", "%", "", "en", "+3 pp (+6.4%)"),
        (3, 6.4, "percent", "%", "", "zh", "+3个百分点（+6.4%）"),
        (1, 2.2, "percent", "%", "more than", "en", "more than +1 pp (+2.2%)"),
        (1, 2.2, "percent", "%", "more than", "zh", "+1个百分点以上（+2.2%以上）"),
        (-2, -5.3, "micrograms_per_cubic_meter", " µg/m³", "", "en", "-2 µg/m³ (-5.3%)"),
        (5.4 - 6, -10.0, "percent", "%", "", "en", "-0.6 pp (-10.0%)"),
    ],
)
def test_a_gap_is_written_in_its_unit_compact_where_the_unit_runs_large(
    gap, percent, unit, symbol, qualifier, lang, expected
):
    assert formatting.format_gap(gap, percent, unit, symbol, qualifier, lang) == expected


# The scale words of each language's compact numbers, largest first.
SCALES = {
    "en": {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3},
    "zh": {"万亿": 1e12, "亿": 1e8, "万": 1e4},
}


def read_back(text: str, lang: str) -> float:
    """The number a reader takes from a value label: '1.2345 trillion yuan' or '1.2345万亿元' -> 1234500000000."""
    words = "|".join(SCALES[lang])
    match = re.search(rf"(-?[\d,]+(?:\.\d+)?)\s?({words})?", text)
    assert match, text
    return float(match[1].replace(",", "")) * SCALES[lang].get(match[2] or "", 1)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("folder", [DATA, FIXTURE], ids=["real data", "fixture"])
def test_no_figure_is_ever_rounded_in_any_language(folder, lang):
    """Every value in the data, as its label says it, has all its digits: 12.34567891亿, never 12.3亿."""
    layer = load_data_layer(folder, lang=lang)
    figures = layer.observations.dropna(subset=["value"])
    assert len(figures) > 10
    for value, label in zip(figures["value"], figures["value_label"], strict=True):
        assert read_back(label, lang) == pytest.approx(value, rel=1e-12), f"{value} shown as {label}"


def test_the_never_rounded_check_catches_a_rounded_figure(monkeypatch):
    """The test above fails when compact forms keep one decimal: it would catch a rounding formatter."""
    monkeypatch.setattr(formatting, "FRACTION_DIGITS", 1)
    formatting.format_number.cache_clear()
    try:
        label = formatting.format_value(1.2345e12, "yuan", " yuan", lang="en")
        assert label == "1.2 trillion yuan" and read_back(label, "en") != pytest.approx(1.2345e12, rel=1e-12)
        label = formatting.format_value(1.2345e12, "yuan", "元", lang="zh")
        assert read_back(label, "zh") != pytest.approx(1.2345e12, rel=1e-12)
    finally:
        formatting.format_number.cache_clear()


def test_periods_are_written_the_chinese_way():
    assert format_period(parse_period("2024"), False, "zh") == "2024年"
    assert format_period(parse_period("2021-Q1"), True, "zh") == "2021年第一季度（推断）"
    assert format_period(parse_period("2024-01/2024-11"), False, "zh") == "2024年1—11月"
    assert format_period(parse_period("2023-12/2024-02"), False, "zh") == "2023年12—2024年2月"
    assert format_period(parse_period("2024-12-31"), False, "zh") == "2024年末"
    assert format_period(parse_period("2024-05-15"), True, "zh") == "截至2024年5月15日（推断）"


def test_periods_are_written_the_english_way():
    assert format_period(parse_period("2024"), False, "en") == "2024"
    assert format_period(parse_period("2021-Q1"), True, "en") == "Q1 2021 (inferred)"
    assert format_period(parse_period("2024-01/2024-11"), False, "en") == "Jan–Nov 2024"
    assert format_period(parse_period("2023-12/2024-02"), False, "en") == "Dec 2023–Feb 2024"
    assert format_period(parse_period("2024-12-31"), False, "en") == "as of 2024-12-31"


def test_numbers_keep_every_digit():
    assert format_number(1234.5678, "zh") == "1,234.5678"
    assert format_number(1234500000000, "zh", compact=True) == "1.2345万亿"
    assert format_number(1234500000000, "en", compact=True) == "1.2345 trillion"
    assert format_number(108000, "en", compact=True) == "108,000"  # English writes it compact from a million
    assert format_number(0.1 + 0.2, "en") == "0.3"  # the decimal a source wrote, not the binary fraction


def test_the_browser_locale_picks_the_default_language():
    assert language_of_locale("zh-CN") == "zh" and language_of_locale("zh_TW") == "zh"
    assert language_of_locale("en-GB") == "en" and language_of_locale(None) == "en"
    assert language_of_locale("fr-FR") == "en"  # no such language: the default


def test_a_language_is_a_code_with_a_record():
    assert list(languages()) == ["en", "zh"]
    assert languages()["zh"].name == "中文" and languages()["zh"].title_mark == "（译名）"
    with pytest.raises(ValueError, match="no language 'fr'"):
        translator("fr")
    with pytest.raises(ValueError, match="no language 'fr'"):
        load_data_layer(FIXTURE, lang="fr")


def test_each_language_has_its_method_notes():
    assert method_notes("en").startswith("### How a target's status is decided")
    assert method_notes("zh").startswith("### ") and "已完成" in method_notes("zh")


# --- exports -----------------------------------------------------------------------------------------


def chinese(layer: DataLayer, themes: tuple[str, ...] = ()) -> Choice:
    return Choice(layer.as_of, True, "zh", themes)


def test_exported_png_draws_chinese_glyphs():
    """Empty boxes would look the same whatever the characters' order; real glyphs do not."""
    layer = load_data_layer(FIXTURE, lang="zh")
    rows = growth_rates.growth(layer, chinese(layer), None).chart
    assert rows is not None
    title = "山西转型监测增长率"
    spec = dict(rows.spec, title=title)
    swapped = dict(rows.spec, title=title[::-1])
    assert exports.chart_image(spec, "png") != exports.chart_image(swapped, "png")


def test_download_names_stay_ascii_in_chinese():
    layer = load_data_layer(FIXTURE, lang="zh")
    view = growth_rates.growth(layer, chinese(layer, ("energy",)), None).chart
    assert view is not None
    name = exports.export_filename(view.name, ["energy"], "png")
    assert name.isascii() and "growth-rates" in name


def test_a_chinese_csv_has_chinese_headers_and_a_byte_order_mark():
    layer = load_data_layer(FIXTURE, lang="zh")
    view = growth_rates.growth(layer, chinese(layer), None).chart
    assert view is not None
    data = exports.frame_csv(view.table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("指标,时期,主题")


def test_chart_titles_axes_and_legends_are_chinese():
    layer = load_data_layer(FIXTURE, lang="zh")
    spec = overview.overview(layer, chinese(layer)).coverage
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


def english_left(shown: str) -> list[str]:
    """The English interface text in `shown`: each long enough literal part of a catalog message
    found as a whole word, except the ids, file names, units and abbreviations of ALLOWED_ASCII."""
    return sorted(
        fragment
        for message in code_messages()
        for fragment in english_fragments(message)
        if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", shown) and not ALLOWED_ASCII.match(fragment)
    )


def without_addresses(markdown: str) -> str:
    """Markdown as the reader sees it: a link's text without its address (a page's path and an
    indicator's id, which are not read)."""
    return re.sub(r"\]\([^()\s]*\)", "]", markdown)


def page_text(at: AppTest) -> list[str]:
    texts = [element.value for element in [*at.title, *at.header, *at.subheader, *at.caption, *at.markdown]]
    texts = [without_addresses(str(text)) for text in texts]
    texts += [element.value for element in [*at.info, *at.warning, *at.error]]
    widgets = [*at.selectbox, *at.multiselect, *at.radio, *at.text_input, *at.pills]
    texts += [widget.label for widget in widgets]
    texts += [metric.label for metric in at.metric]
    texts += [button.proto.label for button in at.get("download_button")]
    texts += [link.proto.label for link in at.get("page_link")]
    return [str(text) for text in texts]


@pytest.mark.parametrize("page", [page.name for page in PAGES])
def test_every_page_in_chinese_has_no_english_interface_text(page, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(FIXTURE))
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
    left = english_left(shown)
    assert not left, f"English interface text on the Chinese {page} page: {left}"


# --- every page of the Chinese snapshot --------------------------------------------------------------


class VisibleText(HTMLParser):
    """A static page's text as a reader meets it: the text outside scripts and styles (the charts'
    inline SVG included), and the attributes that are shown or read out, except inside a part hidden
    from assistive technology."""

    SHOWN_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder", "data-filter-text")
    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # each open element: its tag, and whether it is hidden or a script
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if not any(hidden for _, hidden in self._open) and named.get("aria-hidden") != "true":
            self.parts += [value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value]
        if tag not in self.VOID:
            self._open.append((tag, named.get("aria-hidden") == "true" or tag in ("script", "style")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(tag in ("script", "style") for tag, _ in self._open):
            self.parts.append(data)  # text hidden from assistive technology (a chart's SVG) is still seen


@pytest.fixture(scope="module")
def chinese_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture data's snapshot in Chinese, as `python -m components.snapshot OUT --lang zh` builds it."""
    return build_site(tmp_path_factory.mktemp("zh") / "site", data=FIXTURE, languages=("zh",))


def snapshot_text(html: str, layer: DataLayer) -> str:
    """A page's visible text without what no translation touches: the sources' addresses and file
    names, and the ids of sources and indicators (a table's Source column gives a source's id)."""
    text = "\n".join(VisibleText(html).parts)
    for name in [*layer.sources["address"], *layer.sources["file"], *layer.sources["id"], *layer.indicators["id"]]:
        text = text.replace(name, "")
    return text


def test_every_page_of_the_chinese_snapshot_has_no_english_interface_text(chinese_site):
    layer = load_data_layer(FIXTURE)
    assert chinese_site.languages == ("zh",) and len(chinese_site.pages) > len(PAGES)
    for page in chinese_site.pages:
        shown = snapshot_text((chinese_site.root / page).read_text(encoding="utf-8"), layer)
        assert "山西" in shown, page  # the site's name, in the menu of every page
        left = english_left(shown)
        assert not left, f"English interface text on the Chinese snapshot's {page}: {left}"


# --- a language added as data alone ----------------------------------------------------------------

PSEUDO_CATALOG = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

msgid "Plan vs outcome"
msgstr "Plan et résultats"

msgid "more than {value}"
msgstr "plus de {value}"

msgctxt "target"
msgid "more than {value}"
msgstr "{value} ou plus"

msgid "No. {rank}"
msgstr "n° {rank}"

msgid "{period} (inferred)"
msgstr "{period} (déduit)"

msgid "{points} pp"
msgstr "{points} pt"

msgid "more than {gap} ({percent})"
msgstr "plus de {gap} ({percent})"

msgid "The outcome meets the target."
msgstr "Le résultat atteint l’objectif."
"""


@pytest.fixture
def pseudo_language(tmp_path: Path, monkeypatch) -> Path:
    """A language 'xx' (written as French is, per CLDR) made as the README says a new language is made:
    a folder under locales/ with its record, catalog and method notes, and `_xx` fields in the data.
    Returns the data folder (a copy of the fixture with a few texts in 'xx')."""
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    folder = locales / "xx"
    (folder / "LC_MESSAGES").mkdir(parents=True)
    (folder / "language.yaml").write_text(
        "name: Pseudo\nlocale: fr_FR\nmethod: method.md\ntitle_mark: ' (traduit)'\n", encoding="utf-8"
    )
    (folder / "LC_MESSAGES" / "messages.po").write_text(PSEUDO_CATALOG, encoding="utf-8")
    (folder / "method.md").write_text("### Comment lire les statuts\n\nUn statut.\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", locales)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    edit(data / "themes.yaml", "    label_zh: 能源\n", "    label_zh: 能源\n    label_xx: Énergie\n")
    edit(
        data / "indicators.yaml", "    name_zh: 煤层气产量\n", "    name_zh: 煤层气产量\n    name_xx: Gaz de houille\n"
    )
    edit(data / "units.yaml", "    symbol_zh: 立方米\n", "    symbol_zh: 立方米\n    symbol_xx: ' m3'\n")
    edit(
        data / "sources.yaml",
        "    title_zh: 2024年测试回顾\n",
        "    title_zh: 2024年测试回顾\n    title_xx: Revue 2024\n",
    )
    return data


def test_a_language_added_as_data_alone_shows_its_texts_and_formats(pseudo_language):
    layer = load_data_layer(pseudo_language, lang="xx")
    assert list(languages()) == ["en", "xx", "zh"] and language_of_locale("xx-YY") == "xx"
    gas = layer.observations.set_index("observation_id").loc["fx2-gas-output-2024"]
    # Its texts: from the `_xx` fields, the English where there is none; its source title marked as ours.
    assert (gas["theme_label"], gas["indicator"], gas["unit_label"]) == ("Énergie", "Gaz de houille", "Cubic metres")
    assert gas["source_title"] == "Revue 2024 (traduit)"
    # Its formats: CLDR's for its locale (12 milliards, a comma for the decimal point, T1 for a quarter,
    # its month names), its catalog's words, and its record (no period patterns: CLDR's own forms).
    assert gas["value_label"] == "plus de 12 milliards m3"
    by_id = layer.observations.set_index("observation_id")
    assert by_id.loc["fx2-manufacturing-revenue-2024", "value_label"] == "1,2345 billion yuan"
    assert by_id.loc["fx2-manufacturing-revenue-2024", "period_label"] == "janv.–nov. 2024"
    assert by_id.loc["fx3-industrial-growth-q1", "period_label"] == "T1 2023 (déduit)"
    assert by_id.loc["fx1-gas-rank-2024", "value_label"] == "n° 3"
    assert by_id.loc["fx1-industrial-growth-2024", "value_label"] == "6% ou plus"
    pair = layer.plan_vs_outcome.set_index("target_id").loc["fx1-clean-power-share-2024"]
    assert pair["gap_label"] == "plus de +1 pt (+2,2%)"
    # The views use it too: the language choice, the page's words, a status reason.
    choice = Choice(layer.as_of, True, "xx")
    assert frame.language_names()["xx"] == "Pseudo"
    view = plan_vs_outcome.plan_vs_outcome(layer, choice)
    assert view.intro.header.title == "Plan et résultats"
    assert "Le résultat atteint l’objectif." in view.chart.table.to_csv()
    assert method_notes("xx") == "### Comment lire les statuts\n\nUn statut."
    # The check knows its fields: every text of the copy with no `_xx` beside it is named.
    assert any(problem.message == "no French: add 'label_xx'" for problem in missing_translations(pseudo_language))
