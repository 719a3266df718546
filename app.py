"""Shanxi Transformation Monitor: the frame around every page. It sets the page up, resolves the
reader's Choice (language, edition, themes) once from the sidebar and the link, and runs the page."""

from pathlib import Path

import streamlit as st

from components.data_layer import DataLayerError
from components.i18n import translator
from components.page_list import PAGES
from components.ui.cache import data_layer
from components.ui.choices import language_choice, link_query, resolve_choice, warn_about_link
from components.ui.layout import guarded, show_data_layer_error

st.set_page_config(page_title="Shanxi Transformation Monitor", page_icon="📈", layout="wide")

query = link_query()  # before any widget: a widget drops values it does not know, and the reader should hear of them
lang = language_choice()  # first: every word after it, the menu's page titles too, is in this language
_ = translator(lang)
page = st.navigation(
    [
        st.Page(
            info.script, title=_(info.title), icon=info.icon, url_path=info.url_path or None, default=not info.url_path
        )
        for info in PAGES
    ]
)
try:
    data_layer()  # loaded here so that broken data gets one readable list of problems, not a page error
except DataLayerError as error:
    show_data_layer_error(error, lang, str(Path(__file__).resolve().parent))
    st.stop()

choice = resolve_choice(lang)
guarded(lambda: warn_about_link(query, choice), lang)
guarded(page.run, lang)
