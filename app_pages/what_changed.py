"""What changed: the chosen edition against an earlier one: targets set, outcomes reported, figures
restated, and targets whose status moved."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import current_choice
from components.ui.layout import csv_download, empty_notice, page_header
from components.views.what_changed import compare_choice, what_changed

choice = current_choice()
# The choice first, cheaply: the changes are computed once, for the edition the reader compares with.
compare = cached(compare_choice)(choice)
page_header(compare.header)
if compare.empty:
    empty_notice(compare.empty)
    st.stop()

since = st.selectbox(
    compare.label, list(compare.options), format_func=compare.options.__getitem__, key="what_changed_since",
    help=compare.help,
)  # fmt: skip
view = cached(what_changed)(choice, since)
st.caption(markdown.escape(view.compared))
for section in view.sections:
    st.subheader(markdown.escape(section.heading))
    st.markdown(markdown.table(section.rows) if len(section.rows) else view.none)
csv_download(view.csv_label, view.csv, view.csv_file)
