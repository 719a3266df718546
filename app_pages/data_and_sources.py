"""Data and sources: every observation with filters and search, CSV download, the sources, and method notes."""

import streamlit as st

from components import exports, page_views
from components.markdown import escape
from components.ui import cached, chosen_themes, edition_in_name, empty_notice, gettext, method_notes, page_header

_ = gettext()
choices = cached(page_views.data_choices)()

page_header(_("Data and sources"))
left, middle, right = st.columns(3)
kinds = left.multiselect(_("Kind"), choices.kinds, format_func=_, placeholder=_("Outcomes and targets"))
measures = middle.multiselect(
    _("Measure"), choices.measures, format_func=lambda measure: _(page_views.MEASURE_NAMES[measure]),
    placeholder=_("All measures"),
)  # fmt: skip
search = right.text_input(_("Search"), placeholder=_("Indicator, note or source"), max_chars=100)
found = cached(page_views.observation_table)(tuple(chosen_themes()), tuple(kinds), tuple(measures), search)

if found.table.empty:
    empty_notice(_("No observations match these filters. Loosen the filters or the search."))
else:
    st.caption(_("{shown} of {total} observations.").format(shown=len(found.table), total=found.total))
    value = _("Value")
    st.dataframe(found.table, hide_index=True, column_config={value: st.column_config.NumberColumn(format="localized")})
    st.download_button(
        _("Download these observations (CSV)"),
        data=exports.frame_csv(found.csv),
        file_name=exports.export_filename("observations", chosen_themes(), "csv", edition_in_name()),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )

st.subheader(_("Sources"))
for source in cached(page_views.sources)():
    with st.expander(escape(f"{source.title} · {source.outlet} · {source.dates}")):
        st.markdown(
            escape(source.summary)
            + "\n\n"
            + escape(_("Source id and file: {id} ({file})").format(id=source.id, file=source.file))
        )
        if source.date_note:
            st.markdown(f"**{escape(_('Date:'))}** {escape(source.date_note)}")
        if source.other_figures:
            st.markdown(escape(_("Other numbers in the document, not counted as indicators:")))
            st.markdown("\n".join(f"- {escape(figure)}" for figure in source.other_figures))

st.subheader(_("How to read the figures"))
st.markdown(method_notes())
