"""Data and sources: every observation with filters and search, CSV download, the sources, and method notes."""

import streamlit as st

from components import exports
from components.data_layer import views
from components.ui import chosen_themes, data_layer, empty_notice, method_notes

layer = data_layer()
observations = views.for_themes(layer.observations, chosen_themes())

st.title("Data and sources")
left, middle, right = st.columns(3)
kinds = left.multiselect("Kind", ["outcome", "target"], placeholder="Outcomes and targets")
measures = middle.multiselect("Measure", sorted(layer.observations["measure"].unique()), placeholder="All measures")
search = right.text_input("Search", placeholder="Indicator, note or source", max_chars=100)
if kinds:
    observations = observations[observations["kind"].isin(kinds)]
if measures:
    observations = observations[observations["measure"].isin(measures)]
if search and not observations.empty:
    text = observations[["indicator", "note", "source_title", "period_label"]].agg(" ".join, axis=1)
    observations = observations[text.str.contains(search, case=False, regex=False)]

columns = {
    "indicator": "Indicator", "theme_label": "Theme", "kind": "Kind", "value": "Value", "unit_label": "Unit",
    "qualifier": "Qualifier", "value_label": "As stated", "period_label": "Period", "measure": "Measure",
    "source_id": "Source", "note": "Note",
}  # fmt: skip
if observations.empty:
    empty_notice("observations match these filters", "Loosen the filters or the search.")
else:
    st.caption(f"{len(observations)} of {len(layer.observations)} observations.")
    st.dataframe(
        observations[list(columns)].rename(columns=columns),
        hide_index=True,
        column_config={"Value": st.column_config.NumberColumn(format="localized")},
    )
    st.download_button(
        "Download these observations (CSV)",
        data=exports.frame_csv(observations.drop(columns=["period_start", "period_end"])),
        file_name=exports.export_filename("observations", chosen_themes(), "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )

st.subheader("Sources")
for source in layer.sources.itertuples():
    with st.expander(f"{source.title} · {source.outlet} · {source.dates}"):
        st.markdown(f"{source.summary}\n\nSource id and file: `{source.id}` (`{source.file}`)")
        if source.date_note:
            st.markdown(f"**Date:** {source.date_note}")
        if source.other_figures:
            st.markdown("Other numbers in the document, not counted as indicators:")
            st.markdown("\n".join(f"- {figure}" for figure in source.other_figures))

st.subheader("How to read the figures")
st.markdown(method_notes())
