"""The reader's choices, made in the frame: the language, the edition ("As of") and the themes, kept
in the link; resolved once into a frozen Choice that the pages take with `current_choice()`. Also the
checks of a link's parameters, so a reader learns what of their link was not understood."""

from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import date

import streamlit as st

from components import markdown
from components.i18n import Language, language_of_locale, languages, translator
from components.views import frame
from components.views.common import Choice

from .cache import cached, data_layer

THEME_PARAM = "theme"
STATUS_PARAM = "status"
PERIOD_PARAM = "period"
AS_OF_PARAM = "as_of"
LANG_PARAM = "lang"
INDICATOR_PARAM = "indicator"
# Parameters the app or Streamlit itself understands; anything else in a link is reported as unknown.
KNOWN_PARAMS = {
    THEME_PARAM,
    STATUS_PARAM,
    PERIOD_PARAM,
    AS_OF_PARAM,
    LANG_PARAM,
    INDICATOR_PARAM,
    "embed",
    "embed_options",
}
MAX_SHOWN_PARAM = 40

# The frame sets it on every run, in the script's own thread, before it runs the page: the page takes
# the choice from here, not from session state, and sessions (threads) never see each other's.
_CHOICE: ContextVar[Choice] = ContextVar("choice")


def current_choice() -> Choice:
    """The reader's choice, as the frame resolved it for this run."""
    return _CHOICE.get()


def link_query() -> dict[str, list[str]]:
    """The link's parameters. Read before any widget exists: a widget drops unknown values silently,
    and the reader should know their link was not fully understood."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def resolve_choice(lang: Language) -> Choice:
    """Make the frame's other choices in the sidebar and freeze them, with the language, into the
    run's Choice."""
    newest = data_layer().as_of
    sidebar = cached(frame.sidebar)(Choice(newest, True, lang))
    as_of = _edition_choice(sidebar)
    themes = st.sidebar.multiselect(
        sidebar.themes_label,
        options=list(sidebar.theme_labels),
        format_func=sidebar.theme_labels.__getitem__,
        key=THEME_PARAM,
        bind="query-params",
        placeholder=sidebar.themes_placeholder,
        help=sidebar.themes_help,
    )
    st.sidebar.caption(sidebar.caption)
    choice = Choice(as_of, as_of == newest, lang, tuple(themes))
    _CHOICE.set(choice)
    return choice


def synced(param: str, options: list[str], default: str) -> str:
    """Keep the choice keyed `param` and the link's `?param=` in step, both ways, with the option's
    code in the link. Streamlit's bind="query-params" writes an option's shown label into the link,
    which for these choices is a title or a language's name: the link would change with the
    language, and the documented `?as_of=2025-01-17` and `?lang=zh` would stop working."""
    key, seen = f"{param}_choice", f"{param}_choice_link"
    in_link = st.query_params.get(param)
    if in_link != st.session_state.get(seen):  # a new link (a first visit, a pasted link, back or forward) wins
        st.session_state[seen] = in_link
        if in_link in options:
            st.session_state[key] = in_link
    if st.session_state.get(key) not in options:
        st.session_state[key] = default
    return key


def write_link(param: str, value: str, default: str) -> None:
    """Put the choice in the link, or take it out when it is the default (a short link for most visits)."""
    wanted = None if value == default else value
    if st.query_params.get(param) != wanted:
        if wanted is None:
            del st.query_params[param]
        else:
            st.query_params[param] = wanted
    st.session_state[f"{param}_choice_link"] = wanted


def browser_language() -> Language:
    """The language the visitor's browser asks for, used when the link names none."""
    return language_of_locale(st.context.locale)


def language_choice() -> Language:
    """English / 中文 on one line, kept in the link as ?lang=en|zh. Made first: every word after it
    depends on it."""
    default = browser_language()
    key = synced(LANG_PARAM, list(languages()), default)
    _ = translator(st.session_state[key])
    names = frame.language_names()
    lang: Language = st.session_state[key]
    # A horizontal radio, not a segmented control: Streamlit writes a selected segment in the primary
    # colour on a tint of it (4.2:1 light, 3.3:1 dark, under the 4.5:1 a label needs), and no primary
    # colour passes both there and under the white text of the theme filter's chips.
    st.sidebar.radio(
        _("Language"), list(languages()), format_func=names.__getitem__, key=key, label_visibility="collapsed",
        horizontal=True,
    )  # fmt: skip
    write_link(LANG_PARAM, lang, default)
    return lang


def _edition_choice(sidebar: frame.Sidebar) -> date:
    """The "As of" choice, newest first, each option the date and a short title, kept in the link as
    ?as_of=YYYY-MM-DD."""
    labels = {edition.date.isoformat(): edition.short_label for edition in sidebar.editions}
    newest = next(iter(labels))
    key = synced(AS_OF_PARAM, list(labels), newest)
    chosen = st.sidebar.selectbox(
        sidebar.as_of_label, list(labels), format_func=labels.__getitem__, key=key, help=sidebar.as_of_help
    )
    write_link(AS_OF_PARAM, chosen, newest)
    return date.fromisoformat(chosen)


def safe_excerpt(value: str, lang: Language) -> str:
    """A harmless, short version of an untrusted value for a notice."""
    cleaned = re.sub(r"[^\w -]+", "", value)[:MAX_SHOWN_PARAM]  # letters of any script, digits, "_", " ", "-"
    _ = translator(lang)
    return cleaned + ("…" if len(value) > MAX_SHOWN_PARAM else "") if cleaned else _("(unreadable value)")


def link_problems(query: dict[str, list[str]], allowed: dict[str, list[str]], lang: Language = "en") -> list[str]:
    """Notices for the parts of a link the app ignores: values a choice does not offer, and
    parameters the app does not use. `allowed` maps each parameter to the values it accepts, as the
    link writes them (a theme's label, e.g. ?theme=Energy)."""
    _ = translator(lang)
    notices = []
    for name, values in allowed.items():
        bad = [value for value in query.get(name, []) if value not in values]
        if bad:
            shown = ", ".join(f"'{safe_excerpt(value, lang)}'" for value in bad[:3])
            notices.append(
                _("The link's {name} value(s) {shown} are not known and were ignored. Known: {known}.").format(
                    name=name, shown=shown, known=", ".join(map(markdown.escape, values))
                )
            )
    unknown = [name for name in query if name not in KNOWN_PARAMS]
    if unknown:
        shown = ", ".join(f"'{safe_excerpt(name, lang)}'" for name in unknown[:3])
        notices.append(
            _("The link had parameter(s) this monitor does not use ({shown}); they were ignored.").format(shown=shown)
        )
    return notices


def warn_about_link(query: dict[str, list[str]], choice: Choice) -> None:
    """A notice for each part of the link the app ignored. Most visits carry no parameters: the check
    (and the lists it needs) is skipped for them."""
    if not query:
        return
    values = cached(frame.link_values)(choice)
    allowed: dict[str, list[str]] = {
        THEME_PARAM: values.themes, STATUS_PARAM: values.statuses, PERIOD_PARAM: values.periods,
        AS_OF_PARAM: values.editions, LANG_PARAM: list(languages()), INDICATOR_PARAM: values.indicators,
    }  # fmt: skip
    for notice in link_problems(query, allowed, choice.lang):
        st.warning(notice, icon="⚠️")
