"""Checks the schema cannot express: unique ids, references that resolve, periods that exist,
finite values. They also run on files that failed the schema, so every problem shows at once;
hence every value is type-checked before use."""

from __future__ import annotations

import difflib
import math
from datetime import date

from .periods import parse_period
from .problems import Problem
from .reading import YamlDocument


def _entries(document: YamlDocument | None, key: str):
    """(index, entry) for the mapping entries of a list; anything else already has a schema problem."""
    if document is None or not isinstance(document.data, dict) or not isinstance(document.data.get(key), list):
        return
    for index, entry in enumerate(document.data[key]):
        if isinstance(entry, dict):
            yield index, entry


def _ids(document: YamlDocument | None, key: str, problems: list[Problem]) -> set[str]:
    if document is None:
        return set()
    seen: dict[str, int] = {}
    for index, entry in _entries(document, key):
        entry_id = entry.get("id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            message = f"duplicate id {entry_id!r} (first at {key}[{seen[entry_id]}])"
            problems.append(document.problem([key, index, "id"], message))
        else:
            seen[entry_id] = index
    return set(seen)


def _unknown(value, known: set[str], what: str) -> str | None:
    """A message when a string reference is not among `known`; None when it resolves or is not a
    string (the schema reports wrong types)."""
    if not isinstance(value, str) or value in known:
        return None
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(known)[:12]) or 'none'}"
    return f"unknown {what} {value!r}; {hint}"


def _check_sources(sources: YamlDocument | None, problems: list[Problem]) -> None:
    if sources is None:
        return
    for index, source in _entries(sources, "sources"):
        dates = source.get("dates")
        for d_index, item in enumerate(dates if isinstance(dates, list) else []):
            if isinstance(item, dict) and isinstance(item.get("date"), str):
                try:
                    date.fromisoformat(item["date"])
                except ValueError:
                    problems.append(sources.problem(["sources", index, "dates", d_index, "date"], "not a real date"))
        edition = source.get("edition")
        if isinstance(edition, dict) and isinstance(edition.get("date"), str):
            try:
                date.fromisoformat(edition["date"])
            except ValueError:
                problems.append(sources.problem(["sources", index, "edition", "date"], "not a real date"))
        if dates == [] and not source.get("date_note"):
            problems.append(sources.problem(["sources", index], "a source with no dates needs a date_note saying why"))


def _check_indicators(indicators, theme_ids, unit_ids, indicator_ids, problems) -> set[str]:
    """Reference checks; returns the ids of rank-like indicators (the only ones 'among the top' fits)."""
    rank_like = set()
    for index, indicator in _entries(indicators, "indicators"):
        for field, known in (("theme", theme_ids), ("unit", unit_ids)):
            if known is not None and (message := _unknown(indicator.get(field), known, field)):
                problems.append(indicators.problem(["indicators", index, field], message))
        link = indicator.get("not_comparable_with")
        if isinstance(link, dict):
            others = indicator_ids - {indicator.get("id")}
            if message := _unknown(link.get("indicator"), others, "indicator"):
                path = ["indicators", index, "not_comparable_with", "indicator"]
                problems.append(indicators.problem(path, message + " (it must name another indicator)"))
        if indicator.get("measure") in ("rank", "rank_change"):
            rank_like.add(indicator.get("id"))
    return rank_like


def check_rules(
    themes: YamlDocument | None,
    units: YamlDocument | None,
    sources: YamlDocument | None,
    indicators: YamlDocument | None,
    observation_files: list[tuple[str, YamlDocument]],
    problems: list[Problem],
) -> None:
    theme_ids = _ids(themes, "themes", problems) if themes else None
    unit_ids = _ids(units, "units", problems) if units else None
    source_ids = _ids(sources, "sources", problems) if sources else None
    indicator_ids = _ids(indicators, "indicators", problems)
    _check_sources(sources, problems)
    rank_like = _check_indicators(indicators, theme_ids, unit_ids, indicator_ids, problems)
    check_references_to_indicators = indicators is not None

    first_seen: dict[str, str] = {}
    same_figure: dict[tuple, str] = {}
    for file_stem, document in observation_files:
        file_source = document.data.get("source") if isinstance(document.data, dict) else None
        if source_ids is not None and (message := _unknown(file_source, source_ids, "source")):
            problems.append(document.problem(["source"], message))
        elif isinstance(file_source, str) and file_source != file_stem:
            message = f"the file should be named after its source: {file_source}.yaml"
            problems.append(document.problem(["source"], message))
        for index, observation in _entries(document, "observations"):
            path = ["observations", index]
            obs_id = observation.get("id")
            if isinstance(obs_id, str):
                if obs_id in first_seen:
                    message = f"duplicate observation id {obs_id!r} (first in {first_seen[obs_id]})"
                    problems.append(document.problem([*path, "id"], message))
                else:
                    first_seen[obs_id] = document.file
            indicator_id = observation.get("indicator")
            if check_references_to_indicators and (message := _unknown(indicator_id, indicator_ids, "indicator")):
                problems.append(document.problem([*path, "indicator"], message))
            known_not_rank = indicator_id in indicator_ids and indicator_id not in rank_like
            if observation.get("qualifier") == "among the top" and known_not_rank:
                problems.append(document.problem([*path, "qualifier"], "'among the top' only fits a rank indicator"))
            value = observation.get("value")
            if isinstance(value, float) and not math.isfinite(value):
                problems.append(document.problem([*path, "value"], f"{value} is not a usable number"))
            period = observation.get("period")
            if isinstance(period, (str, int)) and not isinstance(period, bool):
                try:
                    parse_period(period)
                except ValueError as error:
                    problems.append(document.problem([*path, "period"], str(error)))
            key = (indicator_id, observation.get("kind"), str(period), file_source)
            if all(isinstance(part, str) for part in key) and key in same_figure:
                message = f"same indicator, kind and period already recorded from this source as {same_figure[key]!r}"
                problems.append(document.problem(path, message))
            elif all(isinstance(part, str) for part in key):
                same_figure[key] = obs_id
