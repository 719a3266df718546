"""Small Streamlit helpers the pages share: the cached data layer and page views, the theme
filter, the notice for bad links, and the chart block (chart, downloads, data table)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from components import exports, markdown, page_views
from components.data_layer import DEFAULT_PATH, DataLayer, DataLayerError, data_files, edition_of, load_data_layer
from components.data_layer.localize import localized
from components.i18n import LANGUAGE_NAMES, LANGUAGES, N_, Language, format_day, language_of_locale, translator
from components.page_views import ChartView

LOG = get_logger(__name__)
REPO = Path(__file__).resolve().parents[1]
P = ParamSpec("P")
R = TypeVar("R")

THEME_PARAM = "theme"
STATUS_PARAM = "status"
PERIOD_PARAM = "period"
AS_OF_PARAM = "as_of"
LANG_PARAM = "lang"
# Parameters the app or Streamlit itself understands; anything else in a link is reported as unknown.
KNOWN_PARAMS = {THEME_PARAM, STATUS_PARAM, PERIOD_PARAM, AS_OF_PARAM, LANG_PARAM, "embed", "embed_options"}
MAX_SHOWN_PARAM = 40


# A data folder other than the repository's data/, e.g. a test fixture or a curator's draft.
DATA_DIR_VARIABLE = "MONITOR_DATA_DIR"


def data_path() -> str:
    return os.environ.get(DATA_DIR_VARIABLE) or str(DEFAULT_PATH)


@st.cache_resource(show_spinner=False)
def _load(version: tuple) -> DataLayer:
    # cache_resource hands every session the same frames without copying them; pages only
    # filter (making new frames), never modify these. The version's first entry is the folder.
    return load_data_layer(version[0])


def data_version() -> tuple:
    """The data folder, then the name, size and mtime of every file in it: changes when, and only
    when, the data does."""
    path = data_path()
    return (path, *((str(file), *_stat(file)) for file in data_files(path)))


def data_layer() -> DataLayer:
    """The data layer as known on its newest edition, loaded once and again only when a file under
    data/ changes."""
    return _load(data_version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _localized(version: tuple, lang: Language) -> DataLayer:
    return localized(_load(version), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _edition(version: tuple, as_of: date | None, lang: Language) -> DataLayer:
    return edition_of(_localized(version, lang), as_of)


@st.cache_data(show_spinner=False, max_entries=1024)
def _computed(
    version: tuple,
    as_of: date | None,
    lang: Language,
    name: str,
    args: tuple,
    kwargs: tuple,
    _function: Callable[..., Any],
) -> Any:
    # The leading underscore keeps Streamlit from hashing the function object: `name` stands for it.
    return _function(_edition(version, as_of, lang), *args, **dict(kwargs))


def cached(function: Callable[Concatenate[DataLayer, P], R]) -> Callable[P, R]:
    """`function` with the data layer of the chosen edition and language filled in, computed once per
    data version, edition, language and arguments for all sessions: `cached(page_views.growth)(themes,
    period)`. The arguments are cheap values (theme ids, a period), not frames, so a cache hit costs
    little; the signature and return type are kept."""
    name = f"{function.__module__}.{function.__qualname__}"

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        return _computed(
            data_version(), chosen_as_of(), chosen_language(), name, args, tuple(sorted(kwargs.items())), function
        )

    return call


def browser_language() -> Language:
    """The language the visitor's browser asks for, used when the link names none."""
    return language_of_locale(st.context.locale)


def chosen_language() -> Language:
    """The interface language chosen in the sidebar (or, before the choice exists, the browser's)."""
    chosen = st.session_state.get(LANG_PARAM) or st.query_params.get(LANG_PARAM)  # the link's, on a first run
    return chosen if chosen in LANGUAGES else browser_language()


def gettext() -> Callable[[str], str]:
    """`_` for the chosen language: `_ = ui.gettext()` at the top of a page."""
    return translator(chosen_language())


def language_choice() -> Language:
    """English / 中文, bound to ?lang=en|zh (the option is the code, so the link stays short; the
    name is its caption). Made first in the frame: the page titles in the menu depend on it."""
    _ = translator(chosen_language())
    st.sidebar.radio(
        _("Language"),
        options=LANGUAGES,
        index=LANGUAGES.index(browser_language()),
        captions=[LANGUAGE_NAMES[lang] for lang in LANGUAGES],
        horizontal=True,
        key=LANG_PARAM,
        bind="query-params",
    )
    return chosen_language()


def chosen_as_of() -> date | None:
    """The edition chosen in the sidebar; None for the newest."""
    chosen = st.session_state.get(AS_OF_PARAM)
    return date.fromisoformat(chosen) if chosen else None


def _stat(path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


UNEXPECTED_ERROR = N_(
    "Something went wrong on this page. The rest of the monitor still works: reload the page, or open another one."
)


def guarded(run: Callable[[], object]) -> None:
    """Run part of the frame or a page; an unexpected error becomes one short message for the
    visitor (no traceback, exception text or path), with the full traceback in the server's log.
    Streamlit's own control flow (st.stop, st.rerun, page switches) passes through."""
    try:
        run()
    except ScriptControlException:
        raise
    except Exception as error:
        LOG.exception("Unexpected error while running %s", getattr(run, "__qualname__", run))
        st.error(gettext()(UNEXPECTED_ERROR), icon=":material/error:")
        if st.get_option("client.showErrorDetails") in ("full", "stacktrace", True):  # a developer's run
            st.exception(error)


def show_data_layer_error(error: DataLayerError) -> None:
    _ = gettext()
    st.error(_("The data files have problems, so the monitor cannot show figures until they are fixed."))
    # st.code shows the file text as-is: no markdown or HTML from the data is interpreted. Paths are
    # given from the repository, never as the server's absolute paths.
    st.code("\n".join(str(problem).replace(f"{REPO}/", "") for problem in error.problems), language=None)


def safe_excerpt(value: str) -> str:
    """A harmless, short version of an untrusted value for a notice."""
    cleaned = re.sub(r"[^\w -]+", "", value)[:MAX_SHOWN_PARAM]  # letters of any script, digits, "_", " ", "-"
    _ = gettext()
    return cleaned + ("…" if len(value) > MAX_SHOWN_PARAM else "") if cleaned else _("(unreadable value)")


def link_problems(query: dict[str, list[str]], allowed: dict[str, list[str]]) -> list[str]:
    """Notices for the parts of a link the app ignores: values a bound widget does not offer, and
    parameters the app does not use. `allowed` maps each bound parameter to the values it accepts,
    written as the widget writes them to the URL (its labels, e.g. ?theme=Energy)."""
    _ = gettext()
    notices = []
    for name, values in allowed.items():
        bad = [value for value in query.get(name, []) if value not in values]
        if bad:
            shown = ", ".join(f"'{safe_excerpt(value)}'" for value in bad[:3])
            notices.append(
                _("The link's {name} value(s) {shown} are not known and were ignored. Known: {known}.").format(
                    name=name, shown=shown, known=", ".join(map(markdown.escape, values))
                )
            )
    unknown = [name for name in query if name not in KNOWN_PARAMS]
    if unknown:
        shown = ", ".join(f"'{safe_excerpt(name)}'" for name in unknown[:3])
        notices.append(
            _("The link had parameter(s) this monitor does not use ({shown}); they were ignored.").format(shown=shown)
        )
    return notices


def allowed_link_values() -> dict[str, list[str]]:
    """What each bound parameter accepts, by parameter name."""
    values = cached(page_views.link_values)()
    return {
        THEME_PARAM: values.themes, STATUS_PARAM: values.statuses, PERIOD_PARAM: values.periods,
        AS_OF_PARAM: values.editions, LANG_PARAM: list(LANGUAGES),
    }  # fmt: skip


def link_query() -> dict[str, list[str]]:
    """The link's parameters. Read before any widget exists: a binding drops unknown values
    silently, and the user should know their link was not fully understood."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def sidebar_choices(query: dict[str, list[str]]) -> None:
    """The frame's choices, made here so they and their link parameters survive moving between
    pages: the edition ("As of", ?as_of=) and the themes (?theme=); then notices for `query`."""
    _ = gettext()
    editions = edition_choice()
    theme_filter()
    st.sidebar.caption(
        _("Figures from {count} news and press documents on Shanxi. See Data and sources.").format(count=editions)
    )
    # Most visits carry no parameters: skip the check (and the lists it needs) for them.
    for notice in link_problems(query, allowed_link_values()) if query else []:
        st.warning(notice, icon="⚠️")


def edition_choice() -> int:
    """The "As of" choice: each edition's date with its source's title, newest first, bound to
    ?as_of=YYYY-MM-DD (a bound widget writes its option's label to the link, so the label is the
    date and the title goes in the option's caption). Returns how many editions there are."""
    editions = cached(page_views.editions)()
    _ = gettext()
    st.sidebar.radio(
        _("As of"),
        options=[edition.date.isoformat() for edition in editions],
        captions=[markdown.escape(edition.title) for edition in editions],
        key=AS_OF_PARAM,
        bind="query-params",
        help=_("See the monitor as it was known on the day a source's figures became public."),
    )
    return len(editions)


def theme_filter() -> list[str]:
    """The sidebar theme filter, bound to ?theme=... so a filtered view can be bookmarked."""
    labels = cached(page_views.theme_choices)(())
    _ = gettext()
    return st.sidebar.multiselect(
        _("Themes"),
        options=list(labels),
        format_func=labels.__getitem__,
        key=THEME_PARAM,
        bind="query-params",
        placeholder=_("All themes"),
        help=_("Pick one or more themes; leave empty for all. The choice is kept in the page's link."),
    )


def edition_in_name() -> date | None:
    """The chosen edition when it is not the newest: download names say which edition they show."""
    chosen = chosen_as_of()
    editions = cached(page_views.editions)()
    return chosen if chosen and editions and chosen != editions[0].date else None


def page_header(title: str) -> None:
    """The page's title and the edition it shows, so a screenshot or print says when it was true."""
    st.title(title)
    editions = cached(page_views.editions)()
    if not editions:
        return
    _, lang = gettext(), chosen_language()
    chosen = chosen_as_of() or editions[0].date
    newest = (
        _("the newest edition")
        if chosen == editions[0].date
        else _("newest edition: {day}").format(day=format_day(editions[0].date, lang))
    )
    st.caption(_("As known on {day} ({newest}).").format(day=format_day(chosen, lang), newest=newest))


def chosen_themes() -> list[str]:
    """Theme ids chosen in the sidebar; empty means all."""
    return list(st.session_state.get(THEME_PARAM) or [])


def chart_block(view: ChartView, *, key: str, table_open: bool = False) -> None:
    """A chart with its text description, its downloads (PNG, SVG, PDF, CSV) and its data table.

    The download buttons and the table are built only once the reader opens their popover or
    expander (`.open`, tracked with on_change="rerun"): most visits open neither. The table is
    Markdown, not a data grid: an HTML table a screen reader can follow, where the grid's large
    JavaScript bundle made pages slower to draw (bench.pages). Images are rendered only when a
    button is clicked (a callable with on_click="ignore").
    """
    # The spec was built and validated by Altair once (page_views); st.altair_chart would rebuild
    # and revalidate it on every rerun, which cost more than the rest of a page together.
    _ = gettext()
    st.vega_lite_chart(spec=view.spec, alt=view.description, key=f"{key}-chart")
    downloads = st.popover(
        _("Download"),
        icon=":material/download:",
        key=f"{key}-downloads",
        on_change="rerun",
        help=_("This chart as an image (PNG, SVG, PDF) or its data as CSV"),
    )
    if downloads.open:
        _download_buttons(downloads, view, key)
    table = st.expander(_("Data table"), expanded=table_open, key=f"{key}-table", on_change="rerun")
    if table.open:
        table.markdown(markdown.table(view.screen_table))


def _download_buttons(container, view: ChartView, key: str) -> None:
    _, themes = gettext(), chosen_themes()
    for fmt in exports.IMAGE_FORMATS:
        container.download_button(
            fmt.upper(),
            data=_renderer(view.spec, fmt),
            file_name=exports.export_filename(view.name, themes, fmt, edition_in_name()),
            mime=exports.MIME_TYPES[fmt],
            on_click="ignore",
            key=f"{key}-{fmt}",
            icon=":material/image:",
            help=_("Download this chart as {format}").format(format=fmt.upper()),
            width="stretch",
        )
    container.download_button(
        "CSV",
        data=exports.frame_csv(view.table),
        file_name=exports.export_filename(view.name, themes, "csv", edition_in_name()),
        mime=exports.MIME_TYPES["csv"],
        on_click="ignore",
        key=f"{key}-csv",
        icon=":material/table:",
        help=_("Download the data behind this chart as CSV"),
        width="stretch",
    )


def _renderer(spec: dict, fmt: str) -> Callable[[], bytes]:
    return lambda: exports.chart_image(spec, fmt)


def empty_notice(message: str) -> None:
    """Why a page shows nothing, and what to change; `message` is translated, and escaped here."""
    st.info(markdown.escape(message), icon="🔎")


def method_notes() -> str:
    """The method section in the chosen language, one heading level below the page's own subheader."""
    notes = page_views.method_notes(chosen_language())
    if not notes:
        _ = gettext()
        return _("The notes on method are missing from this copy of the monitor.")
    return ("\n" + notes).replace("\n### ", "\n#### ").strip()
