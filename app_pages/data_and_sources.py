"""Data and sources: every observation with filters and search, CSV download, the sources, and method notes."""

import streamlit as st

from components.markdown import bullet_list, escape, link
from components.ui.cache import cached
from components.ui.choices import current_choice
from components.ui.layout import csv_download, empty_notice, page_header
from components.views.data_and_sources import data_and_sources, data_filters

choice = current_choice()
filters = cached(data_filters)(choice)
page_header(filters.header)
left, middle, right = st.columns(3)
kinds = left.multiselect(
    filters.kinds.label, list(filters.kinds.options), format_func=filters.kinds.options.__getitem__,
    placeholder=filters.kinds.placeholder,
)  # fmt: skip
measures = middle.multiselect(
    filters.measures.label, list(filters.measures.options), format_func=filters.measures.options.__getitem__,
    placeholder=filters.measures.placeholder,
)  # fmt: skip
search = right.text_input(filters.search_label, placeholder=filters.search_placeholder, max_chars=100)
# The options are the filters' own values (kinds and measures), so the chosen ones are too.
view = cached(data_and_sources)(choice, tuple(kinds), tuple(measures), search)  # type: ignore[arg-type]

if view.empty:
    empty_notice(view.empty)
else:
    st.caption(escape(view.count))
    st.dataframe(
        view.table,
        hide_index=True,
        column_config={view.value_column: st.column_config.NumberColumn(format="localized")},
    )
    csv_download(view.csv_label, view.csv, view.csv_file)

st.subheader(view.sources_heading)
for source in view.sources:
    # One Markdown element per source: with 30 sources, an element per line cost the page's rerun most of its time.
    parts = [
        escape(source.summary),
        escape(view.source_file.format(id=source.id, file=source.file)),
        f"**{escape(view.standing_label)}** {escape(source.standing)}",
        f"**{escape(view.address_label)}** {link(source.address, source.address)}",
    ]
    if source.date_note:
        parts.append(f"**{escape(view.date_label)}** {escape(source.date_note)}")
    if source.other_figures:
        parts.append(escape(view.other_figures_label) + "\n\n" + bullet_list([escape(f) for f in source.other_figures]))
    st.expander(escape(source.heading)).markdown("\n\n".join(parts))

st.subheader(view.cite_heading)
st.markdown(bullet_list([escape(view.cite_monitor), escape(view.cite_edition)]))

st.subheader(view.method_heading)
st.markdown(("\n" + view.method).replace("\n### ", "\n#### ").strip())  # one level below the subheader
