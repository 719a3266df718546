"""Layout blocks the pages share: the page header, the chart block (chart, downloads, data table),
the notice for an empty view, the error guard and the list of data problems."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from components import exports, markdown
from components.data_layer import DataLayerError
from components.i18n import N_, Language, translator
from components.views.common import ChartView, Choice, Header

LOG = get_logger(__name__)
UNEXPECTED_ERROR = N_(
    "Something went wrong on this page. The rest of the monitor still works: reload the page, or open another one."
)


def page_header(header: Header) -> None:
    """The page's title and the edition it shows, so a screenshot or print says when it was true."""
    st.title(header.title)
    st.caption(markdown.escape(header.edition_line))


def indicator_links(indicators: tuple[str, ...], choice: Choice) -> list[str]:
    """For each indicator id, the address of its Indicator page in the reader's language and edition
    ("" for none): what a table's indicator names link to."""
    kept = {"lang": choice.lang, **({} if choice.is_newest else {"as_of": choice.as_of.isoformat()})}
    return [f"indicator?{urlencode({'indicator': indicator, **kept})}" if indicator else "" for indicator in indicators]


def linked_table(frame: pd.DataFrame, column: str, indicators: tuple[str, ...], choice: Choice) -> str:
    """`frame` as a Markdown table whose `column` links each row to its indicator's page."""
    return markdown.table(frame, links={column: indicator_links(indicators, choice)} if column else None)


def empty_notice(message: str) -> None:
    """Why a page shows nothing, and what to change; escaped here."""
    st.info(markdown.escape(message), icon="🔎")


def chart_block(view: ChartView, *, key: str, lang: Language, table_open: bool = False) -> None:
    """A chart with its text description, its downloads (PNG, SVG, PDF, CSV) and its data table.

    The download buttons and the table are built only once the reader opens their popover or
    expander (`.open`, tracked with on_change="rerun"): most visits open neither. The table is
    Markdown, not a data grid: an HTML table a screen reader can follow, where the grid's large
    JavaScript bundle made pages slower to draw (bench.pages). Images are rendered only when a
    button is clicked (a callable with on_click="ignore").
    """
    # The spec was built and validated by Altair once (in the view); st.altair_chart would rebuild
    # and revalidate it on every rerun, which cost more than the rest of a page together.
    _ = translator(lang)
    st.vega_lite_chart(spec=view.spec, alt=view.description, key=f"{key}-chart")
    downloads = st.popover(
        _("Download"),
        icon=":material/download:",
        key=f"{key}-downloads",
        on_change="rerun",
        help=_("This chart as an image (PNG, SVG, PDF) or its data as CSV"),
    )
    if downloads.open:
        _download_buttons(downloads, view, key, _)
    table = st.expander(_("Data table"), expanded=table_open, key=f"{key}-table", on_change="rerun")
    if table.open:
        table.markdown(markdown.table(view.screen_table))


def _download_buttons(container, view: ChartView, key: str, _: Callable[[str], str]) -> None:
    for fmt, file_name in view.files:
        is_csv = fmt == "csv"
        container.download_button(
            fmt.upper(),
            data=exports.frame_csv(view.table) if is_csv else _renderer(view, fmt),
            file_name=file_name,
            mime=exports.MIME_TYPES[fmt],
            on_click="ignore",
            key=f"{key}-{fmt}",
            icon=":material/table:" if is_csv else ":material/image:",
            help=_("Download the data behind this chart as CSV")
            if is_csv
            else _("Download this chart as {format}").format(format=fmt.upper()),
            width="stretch",
        )


def _renderer(view: ChartView, fmt: str) -> Callable[[], bytes]:
    return lambda: exports.chart_image(view.spec, fmt, view.credit)


def csv_download(label: str, frame, file_name: str) -> None:
    st.download_button(
        label, data=exports.frame_csv(frame), file_name=file_name, mime="text/csv", on_click="ignore",
        icon=":material/download:",
    )  # fmt: skip


def guarded(run: Callable[[], object], lang: Language = "en") -> None:
    """Run part of the frame or a page; an unexpected error becomes one short message for the
    visitor (no traceback, exception text or path), with the full traceback in the server's log.
    Streamlit's own control flow (st.stop, st.rerun, page switches) passes through."""
    try:
        run()
    except ScriptControlException:
        raise
    except Exception as error:
        LOG.exception("Unexpected error while running %s", getattr(run, "__qualname__", run))
        st.error(translator(lang)(UNEXPECTED_ERROR), icon=":material/error:")
        if st.get_option("client.showErrorDetails") in ("full", "stacktrace", True):  # a developer's run
            st.exception(error)


def show_data_layer_error(error: DataLayerError, lang: Language, repository: str) -> None:
    _ = translator(lang)
    st.error(_("The data files have problems, so the monitor cannot show figures until they are fixed."))
    # st.code shows the file text as-is: no markdown or HTML from the data is interpreted. Paths are
    # given from the repository, never as the server's absolute paths.
    st.code("\n".join(str(problem).replace(f"{repository}/", "") for problem in error.problems), language=None)
