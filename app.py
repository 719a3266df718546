"""Shanxi Transformation Monitor: the frame around every page (page setup, data, theme filter, navigation)."""

import streamlit as st

from components import charts  # noqa: F401 - importing registers the app's chart theme
from components.data_layer import DataLayerError
from components.page_list import PAGES
from components.ui import data_layer, guarded, show_data_layer_error, sidebar_choices

st.set_page_config(page_title="Shanxi Transformation Monitor", page_icon="📈", layout="wide")

page = st.navigation(
    [
        st.Page(
            info.script, title=info.title, icon=info.icon, url_path=info.url_path or None, default=not info.url_path
        )
        for info in PAGES
    ]
)

try:
    data_layer()  # loaded here so that broken data gets one readable list of problems, not a page error
except DataLayerError as error:
    show_data_layer_error(error)
    st.stop()

guarded(sidebar_choices)
guarded(page.run)
