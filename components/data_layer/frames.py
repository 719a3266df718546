"""Validated documents -> tidy pandas frames, one row per theme, unit, source, indicator, observation."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from components.i18n import translated_languages, translator

from .periods import parse_period
from .translations import TRANSLATABLE, translation
from .vocabulary import Direction, Measure


def _fields(definition: str, where: tuple[str, ...]) -> tuple[str, ...]:
    """The translatable fields of the mappings at `where` in a file of `definition` (translations.TRANSLATABLE)."""
    return next(entry.fields for entry in TRANSLATABLE[definition] if entry.where == where)


def _translations(item: dict, fields: Iterable[str]) -> dict[str, str]:
    """An item's `fields` in every language the data is translated into, "" where there is none yet
    (the app then shows the English)."""
    return {translation(field, lang): item.get(translation(field, lang), "") for lang in translated_languages()
            for field in fields}  # fmt: skip


def themes_frame(data: dict) -> pd.DataFrame:
    fields = _fields("themes_file", ("themes", "*"))
    rows = [{**theme, **_translations(theme, fields)} for theme in data["themes"]]
    translated = [translation(field, lang) for lang in translated_languages() for field in fields]
    return pd.DataFrame(rows, columns=["id", "label", "description", "colour", *translated])


def units_frame(data: dict) -> pd.DataFrame:
    fields = _fields("units_file", ("units", "*"))
    rows = [{**unit, **_translations(unit, fields)} for unit in data["units"]]
    translated = [translation(field, lang) for lang in translated_languages() for field in fields]
    return pd.DataFrame(rows, columns=["id", "label", "symbol", *translated])


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
                **_source_translations(source),
            }
        )
    return pd.DataFrame(rows)


# A source's texts whose translation is a field of its own (its dates, note and other figures are built below).
_TEXTS = [field for field in _fields("sources_file", ("sources", "*")) if field not in ("date_note", "other_figures")]


def _source_translations(source: dict) -> dict:
    """A source's texts in every language the data is translated into: "" (or no other figures)
    wherever a translation is missing or partial."""
    columns: dict = {}
    other_figures = source.get("other_figures", [])
    for lang in translated_languages():
        title, what, figures = (translation(field, lang) for field in ("title", "what", "other_figures"))
        # The title of the document's own version in that language, shown without the translation mark.
        columns[f"{title}_official"] = bool(source.get(f"{title}_official", False))
        columns |= {translation(field, lang): source.get(translation(field, lang), "") for field in _TEXTS}
        dated = bool(source["dates"]) and all(what in item for item in source["dates"])
        columns[translation("dates", lang)] = (
            translator(lang)("; ").join(f"{item[what]} {item['date']}" for item in source["dates"]) if dated else ""
        )
        columns[translation("date_note", lang)] = source.get(translation("date_note", lang), "")
        translated = source.get(figures, [])
        columns[figures] = list(translated) if len(translated) == len(other_figures) else []
    return columns


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
            **_translations(item, _fields("indicators_file", ("indicators", "*"))),
            **{
                translation("not_comparable_reason", lang): item.get("not_comparable_with", {}).get(
                    translation("reason", lang), ""
                )
                for lang in translated_languages()
            },
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
]


def observations_frame(
    files: list[dict], indicators: pd.DataFrame, themes: pd.DataFrame, units: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """One row per figure, in the data's own language; its value and period are worded in the
    language of an edition (localize.localized), so `value_label` and `period_label` are empty here.
    The texts' translations follow, for each language: indicator_zh, theme_label_zh, unit_label_zh,
    source_title_zh, note_zh."""
    # Plain dict lookups and whole-column conversions: row-by-row pandas access made this step
    # a fifth of the load time of a 100x layer.
    indicator_by_id = {row["id"]: row for row in indicators.to_dict("records")}
    theme_by_id = {row["id"]: row for row in themes.to_dict("records")}
    unit_by_id = {row["id"]: row for row in units.to_dict("records")}
    source_by_id = {row["id"]: row for row in sources.to_dict("records")}
    codes = translated_languages()
    rows = []
    for document in files:
        source = source_by_id[document["source"]]
        for item in document["observations"]:
            indicator = indicator_by_id[item["indicator"]]
            theme, unit = theme_by_id[indicator["theme"]], unit_by_id[indicator["unit"]]
            period = parse_period(item["period"])
            rows.append(
                (
                    item["id"], item["indicator"], indicator["name"], indicator["theme"], theme["label"],
                    indicator["unit"], unit["label"], indicator["measure"],
                    float(item["value"]) if "value" in item else math.nan, item.get("qualifier", ""), "",
                    item["kind"], period.text, "", period.type, period.start, period.end,
                    bool(item.get("period_inferred", False)), source["id"], source["title"], item.get("note", ""),
                    source["edition_date"],
                    *(text for lang in codes for text in (
                        indicator[translation("name", lang)], theme[translation("label", lang)],
                        unit[translation("label", lang)], source[translation("title", lang)],
                        item.get(translation("note", lang), ""),
                    )),
                )
            )  # fmt: skip
    translated = [translation(column, lang) for lang in codes for column in _OBSERVATION_TRANSLATIONS]
    frame = pd.DataFrame(rows, columns=[*OBSERVATION_COLUMNS, *translated])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["value"] = frame["value"].astype(float)
    theme_order = {theme: position for position, theme in enumerate(themes["id"])}
    frame = frame.sort_values(
        ["theme", "indicator", "period_end", "kind", "source_edition"],
        key=lambda column: column.map(theme_order) if column.name == "theme" else column,
    )
    return frame.reset_index(drop=True)


# An observation's texts that have translations: its own note, and its indicator's, theme's, unit's
# and source's texts, repeated from their frames on every row.
_OBSERVATION_TRANSLATIONS = ("indicator", "theme_label", "unit_label", "source_title", "note")
