"""Overview: what the monitor is, headline figures per theme, the target scorecard, the newest source."""

import streamlit as st

from components import charts
from components.data_layer import STATUSES, views
from components.ui import STATUS_PARAM, chart_block, chosen_themes, data_layer, empty_notice

layer = data_layer()
themes = chosen_themes()
observations = views.for_themes(layer.observations, themes)
pairs = views.for_themes(layer.plan_vs_outcome, themes)

st.title("Shanxi Transformation Monitor")
st.markdown(
    "How Shanxi, China's coal heartland, is reshaping its economy: what the province planned, what it "
    "reported achieving, and how fast each area grows. Every figure comes from a named source document, "
    "with its period and whether it is a target or an outcome."
)
newest = layer.sources.loc[layer.sources["latest_date"].idxmax()]
newest_date = f"{newest['latest_date'].day} {newest['latest_date']:%B %Y}"
st.caption(f"Newest source: {newest['title']} ({newest['outlet']}), dated {newest_date}.")

if observations.empty:
    empty_notice("figures")
    st.stop()

st.subheader("Target scorecard")
counts = views.status_counts(pairs)
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    with column:
        st.metric(status.capitalize(), counts[status], border=True)
        st.page_link(
            "pages/plan_vs_outcome.py",
            label=f"See the {counts[status]} target(s)" if counts[status] else "None",
            query_params={STATUS_PARAM: status},  # the bound theme filter carries itself over
            disabled=counts[status] == 0,
        )

st.subheader("Headline figures by theme")
headline_ids = set(layer.indicators.loc[layer.indicators["headline"], "id"])
headlines = views.headline_outcomes(observations, headline_ids)
for theme, figures in headlines.groupby("theme_label", sort=False):
    st.markdown(f"**{theme}**")
    for column, figure in zip(st.columns(3), figures.itertuples(), strict=False):
        column.metric(figure.indicator, figure.value_short, border=True, help=figure.note or None)
        column.caption(f"{figure.value_label}, {figure.period_label} · {figure.source_title}")

st.subheader("What the monitor holds")
chart_block(
    charts.coverage_chart(observations),
    name="Figures by theme",
    description=charts.describe_coverage(observations),
    data=observations.groupby(["theme_label", "kind"]).size().reset_index(name="figures"),
    key="coverage",
)
