"""The data's translations: the one table of which texts have them (`TRANSLATABLE`), and which are
missing. Each translatable field `x` may have an `x_<code>` beside it for every interface language
but English (label_zh; a language is a record under locales/, see components/i18n.py); a missing one
is a warning, not an error, so a new report can land in English first and the app shows its English
meanwhile. `check --strict` makes the warnings errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from components.i18n import Language, language, languages, translated_languages

from .problems import Problem
from .reading import OBSERVATIONS_DIR, OBSERVATIONS_SCHEMA, TOP_LEVEL_FILES, YamlDocument, read_yaml


class Translatable(NamedTuple):
    """Texts of one kind of mapping in a data file, and where they land in the data layer."""

    where: tuple[str, ...]  # the steps from the file's top to the mappings, "*" for every item of a list
    fields: tuple[str, ...]  # their translatable fields
    frame: str  # the DataLayer frame that holds them
    columns: tuple[str, ...]  # the frame's column for each field (its translation: column_<code>)


# Schema definition -> its translatable texts. The one place that says what "every text has its
# translation" covers: the check below, the frames (their `<column>_<code>` columns) and localize
# (which puts a language's texts in place of the English) all read it.
TRANSLATABLE: dict[str, tuple[Translatable, ...]] = {
    "themes_file": (Translatable(("themes", "*"), ("label", "description"), "themes", ("label", "description")),),
    "units_file": (Translatable(("units", "*"), ("label", "symbol"), "units", ("label", "symbol")),),
    "sources_file": (
        Translatable(
            ("sources", "*"),
            ("title", "outlet", "type", "summary", "date_note", "other_figures"),
            "sources",
            ("title", "outlet", "type", "summary", "date_note", "other_figures"),
        ),
        Translatable(("sources", "*", "dates", "*"), ("what",), "sources", ("dates",)),
    ),
    "indicators_file": (
        Translatable(("indicators", "*"), ("name", "description"), "indicators", ("name", "description")),
        Translatable(("indicators", "*", "not_comparable_with"), ("reason",), "indicators", ("not_comparable_reason",)),
    ),
    "observations_file": (Translatable(("observations", "*"), ("note",), "observations", ("note",)),),
}


def translation(field: str, lang: Language) -> str:
    """The name of a field's translation into `lang`: label -> label_zh."""
    return f"{field}_{lang}"


def translated_columns(frame: str) -> list[str]:
    """The columns of the frame named `frame` that have a translation in every language."""
    return [
        column
        for entries in TRANSLATABLE.values()
        for entry in entries
        if entry.frame == frame
        for column in entry.columns
    ]


def _mappings(node: Any, steps: tuple[str, ...], path: list[str | int]) -> Iterator[tuple[list[str | int], dict]]:
    """Every mapping `steps` leads to, with its path; anything of the wrong shape is the schema's to report."""
    if not steps:
        if isinstance(node, dict):
            yield path, node
    elif steps[0] == "*":
        for index, item in enumerate(node if isinstance(node, list) else []):
            yield from _mappings(item, steps[1:], [*path, index])
    elif isinstance(node, dict):
        yield from _mappings(node.get(steps[0]), steps[1:], [*path, steps[0]])


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def untranslated(document: YamlDocument, definition: str) -> list[Problem]:
    """A warning for each English text in `document` with no translation beside it into one of the
    interface's languages, at the English field's line."""
    problems = []
    for lang in translated_languages():
        missing = f"no {language(lang).english_name}"
        for entry in TRANSLATABLE.get(definition, ()):
            for path, mapping in _mappings(document.data, entry.where, []):
                for field in entry.fields:
                    name = translation(field, lang)
                    english, translated = mapping.get(field), mapping.get(name)
                    if isinstance(english, list) and any(map(_has_text, english)):
                        if translated is None:
                            problems.append(document.problem([*path, field], f"{missing}: add {name!r}"))
                        elif isinstance(translated, list) and len(translated) != len(english):
                            message = f"{name!r} has {len(translated)} item(s) for the {len(english)} of {field!r}"
                            problems.append(document.problem([*path, name], message))
                    elif _has_text(english) and translated is None:
                        problems.append(document.problem([*path, field], f"{missing}: add {name!r}"))
    return sorted(problems + _unknown_languages(document, definition), key=_line)


def _unknown_languages(document: YamlDocument, definition: str) -> list[Problem]:
    """A warning for each translation into a language with no record (label_hz): the schema lets any
    code in, so that a new language needs no schema change, and such a text would never be shown."""
    problems = []
    known = ", ".join(translated_languages())
    for entry in TRANSLATABLE.get(definition, ()):
        pattern = re.compile(rf"^(?:{'|'.join(entry.fields)})_([a-z]{{2,3}})$")
        for path, mapping in _mappings(document.data, entry.where, []):
            for key in mapping:
                found = pattern.match(str(key))
                if found and found[1] not in languages():
                    message = f"{key!r} would never be shown: no language {found[1]!r} in locales/ (there: {known})"
                    problems.append(document.problem([*path, key], message))
    return problems


def _line(problem: Problem) -> int:
    """The line a problem is on, so a file's warnings read top to bottom."""
    found = re.match(r"line (\d+)", problem.location)
    return int(found[1]) if found else 0


def _documents(root: Path) -> Iterator[tuple[YamlDocument, str]]:
    """The data files that can be read, each with its schema definition (the loader reports the rest)."""
    named = [(root / name, definition) for name, definition in TOP_LEVEL_FILES.items()]
    named += [(path, OBSERVATIONS_SCHEMA) for path in sorted((root / OBSERVATIONS_DIR).glob("*.yaml"))]
    for path, definition in named:
        if path.is_file() and (document := read_yaml(path, f"{root}/{path.relative_to(root)}", [])):
            yield document, definition


def missing_translations(path: str | Path) -> list[Problem]:
    """Every English label in the data folder at `path` that has no translation, with its file and line."""
    return [
        problem for document, definition in _documents(Path(path)) for problem in untranslated(document, definition)
    ]
