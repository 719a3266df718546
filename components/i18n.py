"""The interface's languages, as data: one record per language in locales/<code>/language.yaml,
found when first asked for, and its gettext catalog, locales/<code>/LC_MESSAGES/messages.po. No
Streamlit here. A new language is a folder under locales/ and its `_<code>` fields in data/.

A catalog is compiled in memory from its .po file when first used (a few milliseconds): the .po
file is the one source, so there is no compiled file to rebuild, commit or let go stale."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

Language = str  # a language's code, the name of its folder under locales/: see `language`
DEFAULT_LANGUAGE: Language = "en"  # the language of the code's messages and of the data
LOCALES = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "messages"
RECORD = "language.yaml"
PERIOD_KINDS = ("year", "quarter", "months", "months_across_years", "day", "year_end")


@dataclass(frozen=True)
class LanguageRecord:
    """One interface language, read from locales/<code>/language.yaml."""

    code: Language  # the folder's name; also the suffix of the data's fields in it (label_zh) and <html lang>
    name: str  # the language's name in itself, as the language choice offers it
    locale: str  # the CLDR locale that writes its numbers and dates (Babel)
    method: str  # its notes on method: a file, relative to the folder; "file#name" for the text
    #              between <!-- name:start --> and <!-- name:end --> in it
    folder: Path
    title_mark: str = ""  # after a source title that is our translation: （译名）
    compact_from: float = 1e6  # the smallest value written compact (16.5 billion; 10.8万 from 10,000)
    # How periods are written, as CLDR date patterns (quoted text is literal); a missing one is CLDR's
    # own: year 'y', quarter 'yQQQ', months its interval format, day 'yMMMd', year_end as day. Spans
    # of months are interval patterns: the first field repeated starts the end ('MMM–MMM y').
    periods: dict[str, str] = field(default_factory=dict)

    @property
    def english_name(self) -> str:
        """'Chinese': for messages to the data's curators, who write English."""
        return Locale.parse(self.locale).get_language_name("en") or self.code

    @property
    def catalog_path(self) -> Path:
        return self.folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def _record(path: Path) -> LanguageRecord:
    """The record in `path`; ValueError saying what is wrong with it."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    known = {"name", "locale", "method", "title_mark", "compact_from", "periods"}
    problems = [f"unknown field {key!r}" for key in data if key not in known]
    problems += [f"missing field {key!r}" for key in ("name", "locale", "method") if key not in data]
    problems += [f"unknown period {key!r}" for key in data.get("periods", {}) if key not in PERIOD_KINDS]
    try:
        Locale.parse(data.get("locale", ""))
    except (ValueError, UnknownLocaleError):
        problems.append(f"locale {data.get('locale')!r} is not a CLDR locale")
    if problems:
        raise ValueError(f"{path}: {'; '.join(problems)}")
    return LanguageRecord(code=path.parent.name, folder=path.parent, **data)


@cache
def _records(folder: Path) -> dict[Language, LanguageRecord]:
    records = {path.parent.name: _record(path) for path in sorted(folder.glob(f"*/{RECORD}"))}
    # The default language first, as the language choice lists them.
    return dict(sorted(records.items(), key=lambda item: item[0] != DEFAULT_LANGUAGE))


def languages() -> dict[Language, LanguageRecord]:
    """Every interface language, the default first: code -> record."""
    return _records(LOCALES)


def translated_languages() -> list[Language]:
    """The languages the data may be translated into: all but the data's own."""
    return [code for code in languages() if code != DEFAULT_LANGUAGE]


def language(code: str) -> LanguageRecord:
    """The record of the language `code`; ValueError when there is none."""
    found = languages().get(code)
    if found is None:
        raise ValueError(f"no language {code!r}: the languages are {', '.join(languages())} (see locales/)")
    return found


def po_path(lang: Language) -> Path:
    return language(lang).catalog_path


@cache
def _compiled(path: Path, locale: str) -> gettext.NullTranslations:
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po_file:
        messages = read_po(po_file, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def catalog(lang: Language) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; English is the source language and needs none."""
    record = language(lang)
    return _compiled(record.catalog_path, record.locale)


def translator(lang: Language) -> Callable[[str], str]:
    """`_` for `lang`: the message's translation, or the English message where there is none."""
    return catalog(lang).gettext


def language_of_locale(locale: str | None) -> Language:
    """The interface language for a browser locale such as 'zh-CN' or 'en-US'."""
    asked = (locale or "").lower().replace("_", "-").split("-")[0]
    return asked if asked in languages() else DEFAULT_LANGUAGE


def method_notes(lang: Language) -> str:
    """The notes on method in `lang` (authored Markdown), read once; empty when the file or its
    section is missing."""
    where, _, section = language(lang).method.partition("#")
    return _method_text((language(lang).folder / where).resolve(), section)


@cache
def _method_text(path: Path, section: str) -> str:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not section:
        return text.strip()
    start_marker, end_marker = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    start, end = text.find(start_marker), text.find(end_marker)
    if start < 0 or end < start:
        return ""
    return text[start + len(start_marker) : end].strip()


def N_(message: str) -> str:
    """Mark `message` for the catalog where it is defined; translate it with `_` where it is shown."""
    return message
