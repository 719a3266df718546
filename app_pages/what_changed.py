"""What changed: the chosen edition against an earlier one: targets set, outcomes reported, figures
restated, and targets whose status moved."""

import streamlit as st

from components import exports, markdown, page_views
from components.ui import cached, chosen_themes, edition_in_name, page_header

page_header("What changed")
probe = cached(page_views.what_changed)(tuple(chosen_themes()), None)
if not probe.earlier:
    st.info("This is the first edition of the monitor: there is no earlier one to compare it with.", icon="🔎")
    st.stop()

earlier = {edition.date.isoformat(): edition.label for edition in probe.earlier}
since = st.selectbox(
    "Compared with", list(earlier), format_func=earlier.__getitem__, key="what_changed_since",
    help="An earlier edition; the previous one unless you pick another.",
)  # fmt: skip
view = cached(page_views.what_changed)(tuple(chosen_themes()), since)
st.caption(f"From the monitor as known on {view.since:%-d %B %Y} to the monitor as known on {view.as_of:%-d %B %Y}.")
for change, rows in view.sections:
    st.subheader(f"{change.capitalize()} ({len(rows)})")
    st.markdown(markdown.table(rows) if len(rows) else "None.")

st.download_button(
    "Download these changes (CSV)",
    data=exports.frame_csv(view.csv),
    file_name=exports.export_filename(f"changes since {view.since}", chosen_themes(), "csv", edition_in_name()),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
