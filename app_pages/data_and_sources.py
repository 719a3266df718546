"""Data and sources: every observation with filters and search, CSV download, the sources, and method notes."""

import streamlit as st

from components import exports, page_views
from components.markdown import escape
from components.ui import cached, chosen_themes, empty_notice, method_notes, page_header

choices = cached(page_views.data_choices)()

page_header("Data and sources")
left, middle, right = st.columns(3)
kinds = left.multiselect("Kind", choices.kinds, placeholder="Outcomes and targets")
measures = middle.multiselect("Measure", choices.measures, placeholder="All measures")
search = right.text_input("Search", placeholder="Indicator, note or source", max_chars=100)
found = cached(page_views.observation_table)(tuple(chosen_themes()), tuple(kinds), tuple(measures), search)

if found.table.empty:
    empty_notice("observations match these filters", "Loosen the filters or the search.")
else:
    st.caption(f"{len(found.table)} of {found.total} observations.")
    st.dataframe(
        found.table, hide_index=True, column_config={"Value": st.column_config.NumberColumn(format="localized")}
    )
    st.download_button(
        "Download these observations (CSV)",
        data=exports.frame_csv(found.csv),
        file_name=exports.export_filename("observations", chosen_themes(), "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )

st.subheader("Sources")
for source in cached(page_views.sources)():
    with st.expander(escape(f"{source.title} · {source.outlet} · {source.dates}")):
        st.markdown(f"{escape(source.summary)}\n\nSource id and file: {escape(source.id)} ({escape(source.file)})")
        if source.date_note:
            st.markdown(f"**Date:** {escape(source.date_note)}")
        if source.other_figures:
            st.markdown("Other numbers in the document, not counted as indicators:")
            st.markdown("\n".join(f"- {escape(figure)}" for figure in source.other_figures))

st.subheader("How to read the figures")
st.markdown(method_notes())
