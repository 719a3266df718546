"""Shanxi Transformation Monitor: the frame around every page (page setup, data, theme filter, navigation)."""

import streamlit as st

from components import charts  # noqa: F401 - importing registers the app's chart theme
from components.data_layer import DataLayerError
from components.ui import data_layer, show_data_layer_error, theme_filter

st.set_page_config(page_title="Shanxi Transformation Monitor", page_icon="📈", layout="wide")

PAGES = "app_pages"
pages = [
    st.Page(f"{PAGES}/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(f"{PAGES}/plan_vs_outcome.py", title="Plan vs outcome", icon=":material/flag:", url_path="plan-vs-outcome"),
    st.Page(f"{PAGES}/growth_rates.py", title="Growth rates", icon=":material/trending_up:", url_path="growth-rates"),
    st.Page(f"{PAGES}/themes.py", title="Themes", icon=":material/category:", url_path="themes"),
    st.Page(f"{PAGES}/data_and_sources.py", title="Data and sources", icon=":material/table:", url_path="data"),
]
page = st.navigation(pages)

try:
    layer = data_layer()
except DataLayerError as error:
    show_data_layer_error(error)
    st.stop()

# Made here, in the frame, so the filter and its ?theme= parameter survive moving between pages.
theme_filter(layer)
st.sidebar.caption("Figures from five news and press documents on Shanxi, 2021–2025. See Data and sources.")
page.run()
