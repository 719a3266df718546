"""The framework's floor for bench.pages: a bare Streamlit page with one small Altair chart and
nothing else, so an app page's load time can be read as a multiple of what Streamlit itself costs."""

import altair as alt
import pandas as pd
import streamlit as st

bars = pd.DataFrame({"item": ["a", "b", "c", "d", "e"], "value": [3, 7, 4, 6, 5]})
st.altair_chart(alt.Chart(bars).mark_bar().encode(x=alt.X("value:Q"), y=alt.Y("item:N")))
