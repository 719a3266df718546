"""Shanxi Transformation Monitor: the frame around every page (page setup, data, theme filter, navigation)."""

import streamlit as st

from components import charts  # noqa: F401 - importing registers the app's chart theme
from components.data_layer import DataLayerError
from components.i18n import translator
from components.page_list import PAGES
from components.ui import data_layer, guarded, language_choice, link_query, show_data_layer_error, sidebar_choices

st.set_page_config(page_title="Shanxi Transformation Monitor", page_icon="📈", layout="wide")

query = link_query()  # before any widget: a bound widget drops values it does not know
_ = translator(language_choice())  # first: the menu's page titles are in the chosen language
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
    show_data_layer_error(error)
    st.stop()

guarded(lambda: sidebar_choices(query))
guarded(page.run)
