"""Streamlit helpers, split by job: cache.py (the data layer and the views, cached), choices.py (the
reader's Choice from the sidebar and the link, and the link's checks), layout.py (blocks the pages
share). Only the frame and the pages use them; nothing below imports Streamlit."""
