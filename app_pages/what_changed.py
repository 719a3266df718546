"""What changed: the chosen edition against an earlier one: targets set, outcomes reported, figures
restated, and targets whose status moved."""

import streamlit as st

from components import exports, markdown, page_views
from components.i18n import format_day
from components.ui import cached, chosen_language, chosen_themes, edition_in_name, gettext, page_header

_, lang = gettext(), chosen_language()
page_header(_("What changed"))
# The choices first, cheaply: the changes are computed once, for the edition the reader compares with.
earlier = {edition.date.isoformat(): edition.label for edition in cached(page_views.earlier_editions)()}
if not earlier:
    st.info(_("This is the first edition of the monitor: there is no earlier one to compare it with."), icon="🔎")
    st.stop()

since = st.selectbox(
    _("Compared with"), list(earlier), format_func=earlier.__getitem__, key="what_changed_since",
    help=_("An earlier edition; the previous one unless you pick another."),
)  # fmt: skip
view = cached(page_views.what_changed)(tuple(chosen_themes()), since)
if view.since:
    st.caption(
        _("From the monitor as known on {since} to the monitor as known on {as_of}.").format(
            since=format_day(view.since, lang), as_of=format_day(view.as_of, lang)
        )
    )
for change, rows in view.sections:
    st.subheader(f"{_(change)} ({len(rows)})".capitalize() if lang == "en" else f"{_(change)}（{len(rows)}）")
    st.markdown(markdown.table(rows) if len(rows) else _("None."))

st.download_button(
    _("Download these changes (CSV)"),
    data=exports.frame_csv(view.csv),
    file_name=exports.export_filename(f"changes since {view.since}", chosen_themes(), "csv", edition_in_name()),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
