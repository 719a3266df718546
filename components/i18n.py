"""The interface's languages: gettext catalogs under locales/ (extracted and compiled with Babel),
and numbers and dates in each language's conventions from CLDR (Babel). No Streamlit here.

A catalog is compiled in memory from its .po file when first used (a few milliseconds): the .po
file is the one source, so there is no compiled file to rebuild, commit or let go stale."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_decimal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
LANGUAGE_NAMES: dict[Language, str] = {"en": "English", "zh": "中文"}
CLDR_LOCALES: dict[Language, str] = {"en": "en_GB", "zh": "zh_Hans_CN"}
LOCALES = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "messages"
# Enough decimals that no value from the sources is rounded when shown in 万 or 亿 (a test checks every figure).
COMPACT_FRACTION_DIGITS = 6


def po_path(lang: Language) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(lang: Language) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; English is the source language and needs none."""
    path = po_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po_file:
        messages = read_po(po_file, locale=CLDR_LOCALES[lang])
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translator(lang: Language) -> Callable[[str], str]:
    """`_` for `lang`: the message's translation, or the English message where there is none."""
    return catalog(lang).gettext


def language_of_locale(locale: str | None) -> Language:
    """The interface language for a browser locale such as 'zh-CN' or 'en-US'."""
    return "zh" if locale and locale.lower().replace("_", "-").startswith("zh") else DEFAULT_LANGUAGE


def format_day(day: date, lang: Language) -> str:
    """'5 March 2025' or '2025年3月5日'."""
    return babel_format_date(day, format="long", locale=CLDR_LOCALES[lang])


def format_number(value: float, lang: Language, *, compact: bool = False) -> str:
    """A number as written in `lang`, never rounded: '1,599' or '1599'; compact in Chinese gives
    '7000亿' and '10.8万' (CLDR's short format, with enough decimals to keep every digit)."""
    locale = CLDR_LOCALES[lang]
    if compact and lang == "zh":
        return format_compact_decimal(
            value, format_type="short", locale=locale, fraction_digits=COMPACT_FRACTION_DIGITS
        )
    return format_decimal(value, format="#,##0.##########", locale=locale)


def N_(message: str) -> str:
    """Mark `message` for the catalog where it is defined; translate it with `_` where it is shown."""
    return message
