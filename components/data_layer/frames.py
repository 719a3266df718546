"""Validated documents -> tidy pandas frames, one row per theme, unit, source, indicator, observation."""

from __future__ import annotations

import math

import pandas as pd

from .periods import Period, parse_period
from .translations import zh
from .vocabulary import Direction, Measure

# Units whose values run into millions and billions and read better scaled.
_SCALED_UNITS = {"yuan", "kilowatts", "kilowatt_hours", "cubic_meters"}


def _number(value: float) -> str:
    return f"{value:,.10g}"


def format_value(value: float, unit: str, symbol: str, qualifier: str = "") -> str:
    """A value as a reader says it: 'more than 16.5 billion m³', 'about 5%', 'No. 1', 'among the top'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return qualifier or "not given"
    if unit == "rank":
        text = f"No. {_number(value)}"
    elif unit in _SCALED_UNITS and abs(value) >= 1e9:
        text = f"{_number(value / 1e9)} billion{symbol}"
    elif unit in _SCALED_UNITS and abs(value) >= 1e6:
        text = f"{_number(value / 1e6)} million{symbol}"
    else:
        text = f"{_number(value)}{symbol}"
    return f"{qualifier} {text}" if qualifier else text


def period_label(period: Period, inferred: bool) -> str:
    """'2024', 'Q1 2021 (inferred)', 'Jan–Nov 2024', 'as of 2024-12-31'."""
    if period.type == "quarter":
        text = f"{period.text[-2:]} {period.text[:4]}"
    elif period.type == "months":
        same_year = period.start.year == period.end.year
        start = period.start.strftime("%b" if same_year else "%b %Y")
        text = f"{start}–{period.end.strftime('%b %Y')}"
    elif period.type == "date":
        text = f"as of {period.text}"
    else:
        text = period.text
    return f"{text} (inferred)" if inferred else text


def _with_chinese(items: list[dict], *fields: str) -> list[dict]:
    """Each item with its fields' Chinese, "" where there is none yet (the app then shows the English)."""
    return [{**{zh(field): "" for field in fields}, **item} for item in items]


def themes_frame(data: dict) -> pd.DataFrame:
    themes = _with_chinese(data["themes"], "label", "description")
    return pd.DataFrame(themes, columns=["id", "label", "description", "colour", "label_zh", "description_zh"])


def units_frame(data: dict) -> pd.DataFrame:
    units = _with_chinese(data["units"], "label", "symbol")
    return pd.DataFrame(units, columns=["id", "label", "symbol", "label_zh", "symbol_zh"])


def sources_frame(data: dict) -> pd.DataFrame:
    rows = []
    for source in data["sources"]:
        dates = sorted(item["date"] for item in source["dates"])
        rows.append(
            {
                "id": source["id"],
                "file": source["file"],
                "address": source["address"],  # where the text was read: the outlet's page, or a copy of it
                "standing": source["standing"],  # primary, or secondary (a retelling of official figures)
                "copy": bool(source.get("copy", False)),
                "title": source["title"],
                "outlet": source["outlet"],
                "type": source["type"],
                "summary": source["summary"],
                "latest_date": pd.Timestamp(dates[-1]) if dates else pd.NaT,
                "edition_date": pd.Timestamp(source["edition"]["date"]),
                "edition_inferred": bool(source["edition"].get("inferred", False)),
                "dates": "; ".join(f"{item['what']} {item['date']}" for item in source["dates"]) or "no date given",
                "date_note": source.get("date_note", ""),
                "other_figures": list(source.get("other_figures", [])),
                "title_zh_official": bool(source.get("title_zh_official", False)),
                **_source_chinese(source),
            }
        )
    return pd.DataFrame(rows)


def _source_chinese(source: dict) -> dict:
    """A source's Chinese columns: "" (or no other figures) wherever a translation is missing or partial."""
    dated = bool(source["dates"]) and all(zh("what") in item for item in source["dates"])
    other_figures = source.get("other_figures", [])
    other_figures_zh = source.get("other_figures_zh", [])
    return {
        **{zh(field): source.get(zh(field), "") for field in ("title", "outlet", "type", "summary")},
        "dates_zh": "；".join(f"{item['what_zh']} {item['date']}" for item in source["dates"]) if dated else "",
        "date_note_zh": source.get("date_note_zh", ""),
        "other_figures_zh": list(other_figures_zh) if len(other_figures_zh) == len(other_figures) else [],
    }


def sources_editions(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per edition, newest first: the days the monitor's knowledge changed. Sources made
    public on the same day make one edition, with their titles joined."""
    ordered = sources.sort_values(["edition_date", "id"])
    editions = ordered.groupby("edition_date", sort=False).agg(
        source_id=("id", "; ".join), title=("title", "; ".join), inferred=("edition_inferred", "all")
    )
    return editions.rename_axis("date").reset_index().sort_values("date", ascending=False).reset_index(drop=True)


def default_direction(measure: Measure) -> Direction:
    # Rank 1 is the top, so a smaller rank is better; everything else is better higher.
    return "lower_is_better" if measure == "rank" else "higher_is_better"


def indicators_frame(data: dict) -> pd.DataFrame:
    rows = [
        {
            "id": item["id"],
            "name": item["name"],
            "theme": item["theme"],
            "unit": item["unit"],
            "measure": item["measure"],
            "direction": item.get("direction", default_direction(item["measure"])),
            "headline": bool(item.get("headline", False)),
            "description": item["description"],
            "not_comparable_with": item.get("not_comparable_with", {}).get("indicator", ""),
            "not_comparable_reason": item.get("not_comparable_with", {}).get("reason", ""),
            "name_zh": item.get("name_zh", ""),
            "description_zh": item.get("description_zh", ""),
            "not_comparable_reason_zh": item.get("not_comparable_with", {}).get("reason_zh", ""),
        }
        for item in data["indicators"]
    ]
    return pd.DataFrame(rows)


OBSERVATION_COLUMNS = [
    "observation_id",
    "indicator_id",
    "indicator",
    "theme",
    "theme_label",
    "unit",
    "unit_label",
    "measure",
    "value",
    "qualifier",
    "value_label",
    "kind",
    "period",
    "period_label",
    "period_type",
    "period_start",
    "period_end",
    "period_inferred",
    "source_id",
    "source_title",
    "note",
    "source_edition",  # the day the figure's source became public: the newer of two sources wins
    "indicator_zh",
    "theme_label_zh",
    "unit_label_zh",
    "source_title_zh",
    "note_zh",
]


def observations_frame(
    files: list[dict], indicators: pd.DataFrame, themes: pd.DataFrame, units: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    # Plain dict lookups and whole-column conversions: row-by-row pandas access made this step
    # a fifth of the load time of a 100x layer.
    indicator_by_id = {row["id"]: row for row in indicators.to_dict("records")}
    theme_labels = dict(zip(themes["id"], themes["label"], strict=True))
    unit_by_id = {row["id"]: row for row in units.to_dict("records")}
    source_titles = dict(zip(sources["id"], sources["title"], strict=True))
    source_editions = dict(zip(sources["id"], sources["edition_date"], strict=True))
    theme_labels_zh = dict(zip(themes["id"], themes["label_zh"], strict=True))
    source_titles_zh = dict(zip(sources["id"], sources["title_zh"], strict=True))
    rows = []
    for document in files:
        source_id = document["source"]
        for item in document["observations"]:
            indicator = indicator_by_id[item["indicator"]]
            unit = unit_by_id[indicator["unit"]]
            period = parse_period(item["period"])
            value = float(item["value"]) if "value" in item else math.nan
            qualifier = item.get("qualifier", "")
            inferred = bool(item.get("period_inferred", False))
            rows.append(
                (
                    item["id"], item["indicator"], indicator["name"], indicator["theme"],
                    theme_labels[indicator["theme"]], indicator["unit"], unit["label"], indicator["measure"],
                    value, qualifier, format_value(value, indicator["unit"], unit["symbol"], qualifier),
                    item["kind"], period.text, period_label(period, inferred), period.type, period.start, period.end,
                    inferred, source_id, source_titles[source_id],
                    item.get("note", ""), source_editions[source_id],
                    indicator["name_zh"], theme_labels_zh[indicator["theme"]], unit["label_zh"],
                    source_titles_zh[source_id], item.get("note_zh", ""),
                )
            )  # fmt: skip
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["value"] = frame["value"].astype(float)
    theme_order = {theme: position for position, theme in enumerate(themes["id"])}
    frame = frame.sort_values(
        ["theme", "indicator", "period_end", "kind", "source_edition"],
        key=lambda column: column.map(theme_order) if column.name == "theme" else column,
    )
    return frame.reset_index(drop=True)
