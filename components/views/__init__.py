"""Finished page views: for each page, everything a reader sees, already worded, translated and
formatted (headings, badges, counts, the edition line, notes, tables and chart specs), from the
edition of the data layer and the reader's Choice. One module per page, each paired with its
snapshot template; the Streamlit page and the template only lay a view out. No Streamlit here."""
