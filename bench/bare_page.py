"""The framework's floor for bench.pages and the accessibility tests: a bare Streamlit page, a title
and one small Altair chart (as the hardening issue defines it), so an app page's load time and its
accessibility findings can be read against what Streamlit itself brings."""

import altair as alt
import pandas as pd
import streamlit as st

st.title("A bare page")
bars = pd.DataFrame({"item": ["a", "b", "c", "d", "e"], "value": [3, 7, 4, 6, 5]})
st.altair_chart(alt.Chart(bars).mark_bar().encode(x=alt.X("value:Q"), y=alt.Y("item:N")))
