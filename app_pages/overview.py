"""Overview: what the monitor is, the target scorecard, headline figures per theme, the newest source."""

import streamlit as st

from components import markdown, page_views
from components.data_layer import STATUSES
from components.i18n import format_day
from components.ui import (
    STATUS_PARAM,
    cached,
    chart_block,
    chosen_language,
    chosen_themes,
    empty_notice,
    gettext,
    page_header,
)

_ = gettext()
view = cached(page_views.overview)(tuple(chosen_themes()))

page_header(_("Shanxi Transformation Monitor"))
st.markdown(
    _(
        "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
        "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
        "with its period and whether it is a target or an outcome."
    )
)
newest = view.newest_source
dated = _(", dated {day}").format(day=format_day(newest.date, chosen_language())) if newest.date else ""
st.caption(
    markdown.escape(
        _("Newest source: {title} ({outlet}){dated}.").format(title=newest.title, outlet=newest.outlet, dated=dated)
    )
)
if view.coverage is None:
    empty_notice(_("No figures for the chosen themes. Widen the theme filter in the sidebar to see more."))
    st.stop()

st.subheader(_("Target scorecard"))
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    count = view.status_counts[status]
    with column:
        st.metric(page_views.status_badge(status, _), count, border=True)
        if count:
            st.page_link(
                "app_pages/plan_vs_outcome.py",
                label=_("See the {count} target(s)").format(count=count),
                query_params={STATUS_PARAM: _(status)},  # the pills write a status by its name; themes carry over
            )
        else:  # text, not a disabled link: a link that leads nowhere is noise to a screen reader, drawn at 2.6:1
            st.caption(_("None"))

st.subheader(_("Headline figures by theme"))
st.caption(_("The newest reported outcomes, up to three per theme. The Themes page has every figure."))
# One Markdown table, not a card per figure: it reads at a glance and is cheap for the browser to draw.
st.markdown(markdown.table(view.headlines))

st.subheader(_("What the monitor holds"))
chart_block(view.coverage, key="coverage")
