"""Overview: what the monitor is, the target scorecard, headline figures per theme, the newest source."""

import streamlit as st

from components import markdown
from components.ui.cache import cached
from components.ui.choices import STATUS_PARAM, current_choice
from components.ui.layout import chart_block, empty_notice, linked_table, page_header
from components.views.overview import overview

choice = current_choice()
view = cached(overview)(choice)

page_header(view.header)
st.markdown(markdown.escape(view.intro))
st.caption(markdown.escape(view.newest_source))
if view.coverage is None:
    empty_notice(view.empty)
    st.stop()

st.subheader(view.scorecard_heading)
for column, card in zip(st.columns(len(view.scorecard)), view.scorecard, strict=True):
    with column:
        st.metric(card.badge, card.count, border=True)
        if card.count:  # the plan page's status pills write a status by its name; themes carry over
            st.page_link("app_pages/plan_vs_outcome.py", label=card.link, query_params={STATUS_PARAM: card.name})
        else:  # text, not a disabled link: a link that leads nowhere is noise to a screen reader, drawn at 2.6:1
            st.caption(card.link)

st.subheader(view.headlines_heading)
st.caption(view.headlines_caption)
# One Markdown table, not a card per figure: it reads at a glance and is cheap for the browser to draw.
st.markdown(linked_table(view.headlines, view.headline_link_column, view.headline_ids, choice))

st.subheader(view.coverage_heading)
chart_block(view.coverage, key="coverage", lang=choice.lang)
