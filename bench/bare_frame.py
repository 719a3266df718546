"""A second floor for bench.pages: the least a multipage app with a shared filter costs. The same
frame as app.py (five navigation entries with icons, a sidebar multiselect bound to the URL, a
sidebar caption) around a page with a title, a caption and the bare page's one small chart.

bench/bare_page.py stays the floor the targets are set against; this one shows how much of an
app page's time is the frame and text that any multipage app with a filter pays."""

import altair as alt
import pandas as pd
import streamlit as st


def chart_page() -> None:
    st.title("A page")
    st.caption("One line of text under the title.")
    bars = pd.DataFrame({"item": ["a", "b", "c", "d", "e"], "value": [3, 7, 4, 6, 5]})
    st.altair_chart(alt.Chart(bars).mark_bar().encode(x=alt.X("value:Q"), y=alt.Y("item:N")))


def other_page() -> None:
    st.title("Another page")


icons = [":material/dashboard:", ":material/flag:", ":material/trending_up:", ":material/category:", ":material/table:"]
pages = [st.Page(chart_page, title="Chart", icon=icons[0], default=True)] + [
    st.Page(other_page, title=f"Page {number}", icon=icon, url_path=f"page-{number}")
    for number, icon in enumerate(icons[1:], start=2)
]
page = st.navigation(pages)
themes = ["Energy", "Industry", "Digital", "Innovation", "Tourism", "Trade", "Welfare", "Ecology", "Macro"]
st.sidebar.multiselect("Themes", themes, key="theme", bind="query-params", placeholder="All themes")
st.sidebar.caption("A line of text under the filter.")
page.run()
