"""The data layer and the page views, cached for every session: the layer loaded once (and again
only when a file under data/ changes), each edition built once per language, and each view once per
choice."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from components.data_layer import DEFAULT_PATH, DataLayer, data_files, edition, read_data_layer
from components.i18n import Language
from components.views.common import Choice

P = ParamSpec("P")
R = TypeVar("R")

# A data folder other than the repository's data/, e.g. a test fixture or a curator's draft.
DATA_DIR_VARIABLE = "MONITOR_DATA_DIR"


def data_path() -> str:
    return os.environ.get(DATA_DIR_VARIABLE) or str(DEFAULT_PATH)


@st.cache_resource(show_spinner=False)
def _load(version: tuple) -> DataLayer:
    # cache_resource hands every session the same frames without copying them; views only filter
    # (making new frames), never modify these. The version's first entry is the folder.
    return read_data_layer(version[0])


def data_version() -> tuple:
    """The data folder, then the name, size and mtime of every file in it: changes when, and only
    when, the data does."""
    path = data_path()
    return (path, *((str(file), *_stat(file)) for file in data_files(path)))


def _stat(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


def data_layer() -> DataLayer:
    """The data layer as read: every source, its `as_of` the newest edition (no pairs, nothing worded)."""
    return _load(data_version())


@st.cache_resource(show_spinner=False, max_entries=64)
def _edition(version: tuple, as_of: date, lang: Language) -> DataLayer:
    return edition(_load(version), as_of, lang)


@st.cache_data(show_spinner=False, max_entries=1024)
def _computed(
    version: tuple,
    as_of: date,
    is_newest: bool,
    lang: Language,
    themes: tuple[str, ...],
    name: str,
    args: tuple,
    kwargs: tuple,
    _function: Callable[..., Any],
) -> Any:
    # The leading underscore keeps Streamlit from hashing the function object: `name` stands for it.
    choice = Choice(as_of, is_newest, lang, themes)
    return _function(_edition(version, as_of, lang), choice, *args, **dict(kwargs))


def cached(function: Callable[Concatenate[DataLayer, Choice, P], R]) -> Callable[Concatenate[Choice, P], R]:
    """`function` with the edition of the choice filled in, computed once per data version, choice and
    arguments for all sessions: `cached(growth_rates.growth)(choice, period)`. The arguments are cheap
    values (a period, statuses), not frames, so a cache hit costs little."""
    name = f"{function.__module__}.{function.__qualname__}"

    def call(choice: Choice, *args: P.args, **kwargs: P.kwargs) -> R:
        return _computed(
            data_version(), choice.as_of, choice.is_newest, choice.lang, choice.themes, name, args,
            tuple(sorted(kwargs.items())), function,
        )  # fmt: skip

    return call
