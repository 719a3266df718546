"""Overview: what the monitor is, the target scorecard, headline figures per theme, the newest source."""

import streamlit as st

from components import markdown, page_views
from components.data_layer import STATUSES
from components.ui import STATUS_PARAM, cached, chart_block, chosen_themes, empty_notice, page_header

view = cached(page_views.overview)(tuple(chosen_themes()))

page_header("Shanxi Transformation Monitor")
st.markdown(
    "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
    "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
    "with its period and whether it is a target or an outcome."
)
newest = view.newest_source
dated = f", dated {newest.date:%-d %B %Y}" if newest.date else ""
st.caption(markdown.escape(f"Newest source: {newest.title} ({newest.outlet}){dated}."))
if view.coverage is None:
    empty_notice("figures for the chosen themes")
    st.stop()

st.subheader("Target scorecard")
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    count = view.status_counts[status]
    with column:
        st.metric(page_views.status_badge(status).capitalize(), count, border=True)
        st.page_link(
            "app_pages/plan_vs_outcome.py",
            label=f"See the {count} target(s)" if count else "None",
            query_params={STATUS_PARAM: status},  # the bound theme filter carries itself over
            disabled=count == 0,
        )

st.subheader("Headline figures by theme")
st.caption("The newest reported outcomes, up to three per theme. The Themes page has every figure.")
# One Markdown table, not a card per figure: it reads at a glance and is cheap for the browser to draw.
st.markdown(markdown.table(view.headlines))

st.subheader("What the monitor holds")
chart_block(view.coverage, key="coverage")
