"""Checks the schema cannot express: unique ids, references that resolve, periods that exist."""

from __future__ import annotations

from datetime import date

from .periods import parse_period
from .problems import Problem
from .reading import YamlDocument


def _entries(document: YamlDocument | None, key: str):
    """(index, entry) for the well-formed entries of a list; malformed ones already have schema problems."""
    if document is None or not isinstance(document.data, dict) or not isinstance(document.data.get(key), list):
        return
    for index, entry in enumerate(document.data[key]):
        if isinstance(entry, dict):
            yield index, entry


def _ids(document: YamlDocument | None, key: str, problems: list[Problem]) -> set[str]:
    seen: dict[str, int] = {}
    for index, entry in _entries(document, key):
        entry_id = entry.get("id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            problems.append(
                document.problem([key, index, "id"], f"duplicate id {entry_id!r} (first at {key}[{seen[entry_id]}])")
            )
        else:
            seen[entry_id] = index
    return set(seen)


def _unknown(value, known: set[str], what: str) -> str:
    return f"unknown {what} {value!r}; known: {', '.join(sorted(known)) or 'none'}"


def check_rules(
    themes: YamlDocument | None,
    units: YamlDocument | None,
    sources: YamlDocument | None,
    indicators: YamlDocument | None,
    observation_files: list[tuple[str, YamlDocument]],
    problems: list[Problem],
) -> None:
    theme_ids = _ids(themes, "themes", problems)
    unit_ids = _ids(units, "units", problems)
    source_ids = _ids(sources, "sources", problems)
    indicator_ids = _ids(indicators, "indicators", problems)

    for index, source in _entries(sources, "sources"):
        for d_index, item in enumerate(source.get("dates") or []):
            try:
                date.fromisoformat(str(item.get("date")) if isinstance(item, dict) else "")
            except ValueError:
                problems.append(sources.problem(["sources", index, "dates", d_index, "date"], "not a real date"))
        if not source.get("dates") and not source.get("date_note"):
            problems.append(sources.problem(["sources", index], "a source with no dates needs a date_note saying why"))

    rank_like = set()
    for index, indicator in _entries(indicators, "indicators"):
        if indicator.get("theme") not in theme_ids and themes is not None:
            problems.append(
                indicators.problem(["indicators", index, "theme"], _unknown(indicator.get("theme"), theme_ids, "theme"))
            )
        if indicator.get("unit") not in unit_ids and units is not None:
            problems.append(
                indicators.problem(["indicators", index, "unit"], _unknown(indicator.get("unit"), unit_ids, "unit"))
            )
        link = indicator.get("not_comparable_with")
        if isinstance(link, dict) and link.get("indicator") not in indicator_ids - {indicator.get("id")}:
            problems.append(
                indicators.problem(
                    ["indicators", index, "not_comparable_with", "indicator"],
                    _unknown(link.get("indicator"), indicator_ids, "indicator") + " (it must name another indicator)",
                )
            )
        if indicator.get("measure") in ("rank", "rank_change"):
            rank_like.add(indicator.get("id"))

    first_seen: dict[str, str] = {}
    same_figure: dict[tuple, str] = {}
    for file_stem, document in observation_files:
        file_source = document.data.get("source") if isinstance(document.data, dict) else None
        if isinstance(file_source, str):
            if sources is not None and file_source not in source_ids:
                problems.append(document.problem(["source"], _unknown(file_source, source_ids, "source")))
            if file_source != file_stem:
                problems.append(
                    document.problem(["source"], f"the file should be named after its source: {file_source}.yaml")
                )
        for index, observation in _entries(document, "observations"):
            obs_id = observation.get("id")
            if isinstance(obs_id, str):
                if obs_id in first_seen:
                    problems.append(
                        document.problem(
                            ["observations", index, "id"],
                            f"duplicate observation id {obs_id!r} (first in {first_seen[obs_id]})",
                        )
                    )
                else:
                    first_seen[obs_id] = document.file
            indicator_id = observation.get("indicator")
            if indicators is not None and indicator_id not in indicator_ids:
                problems.append(
                    document.problem(
                        ["observations", index, "indicator"], _unknown(indicator_id, indicator_ids, "indicator")
                    )
                )
            if (
                observation.get("qualifier") == "among the top"
                and indicator_id in indicator_ids
                and indicator_id not in rank_like
            ):
                problems.append(
                    document.problem(["observations", index, "qualifier"], "'among the top' only fits a rank indicator")
                )
            period = observation.get("period")
            if isinstance(period, (str, int)):
                try:
                    parse_period(period)
                except ValueError as error:
                    problems.append(document.problem(["observations", index, "period"], str(error)))
            key = (indicator_id, observation.get("kind"), str(period), file_source)
            if key in same_figure:
                problems.append(
                    document.problem(
                        ["observations", index],
                        f"same indicator, kind and period already recorded from this source as {same_figure[key]!r}",
                    )
                )
            else:
                same_figure[key] = obs_id
