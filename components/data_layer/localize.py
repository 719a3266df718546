"""The data layer in another language: each text from the data replaced by its Chinese (`<field>_zh`,
the English where a label has none yet), and values and periods written the Chinese way (超过50%,
7000亿元, 2024年, 2021年第一季度). Ids, values and statuses stay as they are."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from components.i18n import Language, format_day, format_number

from .periods import Period, parse_period

if TYPE_CHECKING:
    from . import DataLayer

QUALIFIERS_ZH = {"more than": "超过", "at least": "至少", "about": "约", "among the top": "位居前列"}
# A target's hedge follows its figure, as work reports write their aims (5%左右, 6%以上, of which
# "about 5%" and "more than 6%" are the official English); 以上 includes the figure itself.
TARGET_QUALIFIERS_ZH = {"more than": "以上", "about": "左右"}
QUARTERS_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
# Units whose values run into the 万 and 亿 a Chinese reader expects (counts too: 10.8万个).
COMPACT_UNITS = {"yuan", "kilowatts", "kilowatt_hours", "cubic_meters", "count"}
# After a title that is our Chinese; a title the document itself carries (`title_zh_official`) has none.
TRANSLATED_TITLE_MARK = "（译名）"


def format_value_zh(value: float, unit: str, symbol: str, qualifier: str = "", kind: str = "outcome") -> str:
    """'超过16.5亿立方米', '约5%', '第1位', '位居前列'; for a target '5%左右', '6%以上'; never rounded."""
    suffix = TARGET_QUALIFIERS_ZH.get(qualifier, "") if kind == "target" else ""
    hedge = "" if suffix else QUALIFIERS_ZH.get(qualifier, qualifier)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return hedge or suffix or "未给出"
    if unit == "rank":
        text = f"第{format_number(value, 'zh')}位"
    else:
        text = format_number(value, "zh", compact=unit in COMPACT_UNITS) + symbol
    return f"{hedge}{text}{suffix}"


def period_label_zh(period: Period, inferred: bool) -> str:
    """'2024年', '2021年第一季度（推断）', '2024年1—11月', '2024年末', '截至2024年5月15日'."""
    if period.type == "quarter":
        text = f"{period.start.year}年{QUARTERS_ZH[(period.start.month + 2) // 3]}"
    elif period.type == "months":
        end = (
            f"{period.end.month}月"
            if period.start.year == period.end.year
            else f"{period.end.year}年{period.end.month}月"
        )
        text = f"{period.start.year}年{period.start.month}—{end}"  # an em dash, as statistics bulletins write it
    elif period.type == "date" and (period.start.month, period.start.day) == (12, 31):
        text = f"{period.start.year}年末"  # also for a target: 截至 reads oddly before a future day
    elif period.type == "date":
        text = f"截至{format_day(period.start, 'zh')}"
    else:
        text = f"{period.text}年"
    return f"{text}（推断）" if inferred else text


def _chinese(frame: pd.DataFrame, pairs: dict[str, str]) -> pd.DataFrame:
    """`frame` with each column of `pairs` taken from its Chinese column where that is not empty."""
    frame = frame.copy()
    for column, chinese in pairs.items():
        frame[column] = frame[chinese].where(frame[chinese] != "", frame[column])
    return frame


def localized(layer: DataLayer, lang: Language) -> DataLayer:
    """`layer` with its texts in `lang`; English is the data's own language."""
    if lang == "en":
        return layer
    units = _chinese(layer.units, {"label": "label_zh", "symbol": "symbol_zh"})
    symbols = dict(zip(units["id"], units["symbol"], strict=True))
    observations = _chinese(
        layer.observations,
        {"indicator": "indicator_zh", "theme_label": "theme_label_zh", "unit_label": "unit_label_zh",
         "source_title": "source_title_zh", "note": "note_zh"},
    )  # fmt: skip
    observations["value_label"] = [
        format_value_zh(value, unit, symbols[unit], qualifier, kind)
        for value, unit, qualifier, kind in zip(
            observations["value"], observations["unit"], observations["qualifier"], observations["kind"], strict=True
        )
    ]
    observations["period_label"] = [
        period_label_zh(parse_period(period), inferred)
        for period, inferred in zip(observations["period"], observations["period_inferred"], strict=True)
    ]
    sources = _chinese(
        layer.sources,
        {"outlet": "outlet_zh", "type": "type_zh", "summary": "summary_zh", "dates": "dates_zh",
         "date_note": "date_note_zh"},
    )  # fmt: skip
    sources["other_figures"] = [
        chinese or english
        for english, chinese in zip(sources["other_figures"], sources["other_figures_zh"], strict=True)
    ]
    has_title = sources["title_zh"] != ""
    marks = sources["title_zh_official"].map({True: "", False: TRANSLATED_TITLE_MARK})
    sources["title"] = (sources["title_zh"] + marks).where(has_title, sources["title"])
    titles = dict(zip(sources["id"], sources["title"], strict=True))
    observations["source_title"] = observations["source_id"].map(titles)
    editions = layer.editions.assign(
        title=["；".join(titles[source] for source in ids.split("; ")) for ids in layer.editions["source_id"]]
    )
    return replace(
        layer,
        observations=observations,
        themes=_chinese(layer.themes, {"label": "label_zh", "description": "description_zh"}),
        indicators=_chinese(
            layer.indicators,
            {"name": "name_zh", "description": "description_zh", "not_comparable_reason": "not_comparable_reason_zh"},
        ),
        units=units,
        sources=sources,
        editions=editions,
        lang=lang,
    )
