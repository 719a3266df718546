"""Exports: chart images a report can use, CSV that opens cleanly, and file names that say what was exported."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zlib

import altair as alt
import pandas as pd
import pytest

from components import exports
from components.exports import chart_image, export_filename, frame_csv

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_WIDTH = 600
DARK = "#111111"


def growth_chart(dark_background: bool = False) -> alt.Chart:
    frame = pd.DataFrame({"theme": ["Energy", "Industry", "Ecology"], "growth": [3.5, 5.1, 2.2]})
    chart = (
        alt.Chart(frame, title="Growth by theme")
        .mark_bar()
        .encode(x=alt.X("theme:N", title="Theme"), y=alt.Y("growth:Q", title="Growth (%)"))
        .properties(width=CHART_WIDTH, height=300)
    )
    # A dark configured background shows whether the export really forces white rather than relying on defaults.
    return chart.configure(background=DARK) if dark_background else chart


def parse_svg(data: bytes) -> ET.Element:
    # The SVG comes from our own renderer in this test, not from outside, so the stdlib parser is safe here.
    return ET.fromstring(data)  # noqa: S314


def png_chunks(data: bytes) -> dict[bytes, bytes]:
    chunks: dict[bytes, bytes] = {}
    position = len(PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        chunks[kind] = chunks.get(kind, b"") + data[position + 8 : position + 8 + length]
        position += 12 + length
    return chunks


def png_top_left_pixel(data: bytes) -> tuple[int, ...]:
    chunks = png_chunks(data)
    bit_depth, colour_type = chunks[b"IHDR"][8], chunks[b"IHDR"][9]
    assert bit_depth == 8
    channels = {2: 3, 6: 4}[colour_type]  # RGB or RGBA
    # Every PNG filter predicts the first pixel of the first row from zeros, so its bytes are stored as is.
    raw = zlib.decompress(chunks[b"IDAT"])
    return tuple(raw[1 : 1 + channels])


def test_png_is_a_print_resolution_png():
    data = chart_image(growth_chart(), "png")
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 2 * CHART_WIDTH
    assert height > 0
    # The pHYs chunk tells print software the intended resolution (pixels per metre).
    ppm_x, ppm_y, unit = struct.unpack(">IIB", png_chunks(data)[b"pHYs"])
    assert unit == 1
    assert round(ppm_x * 0.0254) == round(ppm_y * 0.0254) == exports.PRINT_PPI


def test_svg_is_valid_xml_with_the_text_drawn():
    data = chart_image(growth_chart(), "svg")
    root = parse_svg(data)
    assert root.tag.endswith("svg")
    text = " ".join(root.itertext())
    assert "Growth by theme" in text
    assert "Growth (%)" in text
    assert "Industry" in text


def test_pdf_is_a_pdf():
    data = chart_image(growth_chart(), "pdf")
    assert data.startswith(b"%PDF")
    assert len(data) > 1000


def test_export_background_is_white_and_callers_chart_is_unchanged():
    chart = growth_chart(dark_background=True)
    before = chart.to_dict()

    svg_root = parse_svg(chart_image(chart, "svg"))
    background = next(element for element in svg_root if element.tag.endswith("rect"))
    assert background.get("fill") == "white"
    assert png_top_left_pixel(chart_image(chart, "png"))[:3] == (255, 255, 255)

    after = chart.to_dict()
    assert after == before
    assert "background" not in after
    assert after["config"]["background"] == DARK


def test_dict_spec_is_not_mutated():
    spec = growth_chart(dark_background=True).to_dict()
    snapshot = repr(spec)
    assert chart_image(spec, "svg").startswith(b"<svg")
    assert repr(spec) == snapshot


def test_second_render_of_same_chart_comes_from_cache():
    first = chart_image(growth_chart(), "png")
    hits_before = exports._render.cache_info().hits
    # A freshly built but equal chart must hit too: the key is the spec's text, not the object.
    second = chart_image(growth_chart(), "png")
    assert exports._render.cache_info().hits == hits_before + 1
    assert second == first


def test_different_formats_are_cached_separately():
    assert chart_image(growth_chart(), "svg") != chart_image(growth_chart(), "pdf")


def test_unknown_format_raises_clear_error():
    with pytest.raises(ValueError, match=r"Unknown image format 'gif'.*png, svg, pdf"):
        chart_image(growth_chart(), "gif")


def test_external_data_is_refused_instead_of_fetched():
    spec = {"data": {"url": "https://example.com/data.csv"}, "mark": "bar"}
    with pytest.raises(ValueError, match="not allowed"):
        chart_image(spec, "svg")


def test_mime_types_cover_every_export():
    assert set(exports.MIME_TYPES) == {*exports.IMAGE_FORMATS, "csv"}
    assert exports.MIME_TYPES["svg"] == "image/svg+xml"


@pytest.fixture
def air_quality() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["PM2.5", "PM10", "NO₂"],
            "value": [38.0, 67.5, 29.1],
            "unit": ["µg/m³", "µg/m³", "µg/m³"],
            "note": ["Taiyuan, 2023", 'said "improving"', ""],
        }
    )


def test_csv_keeps_requested_columns_in_order(air_quality):
    data = frame_csv(air_quality, ["unit", "indicator"])
    assert data.decode("utf-8-sig").splitlines()[0] == "unit,indicator"
    read_back = pd.read_csv(io.BytesIO(data))
    assert list(read_back.columns) == ["unit", "indicator"]
    assert len(read_back) == len(air_quality)


def test_csv_starts_with_a_byte_order_mark_and_round_trips_non_ascii_without_index(air_quality):
    data = frame_csv(air_quality)
    assert data.startswith(b"\xef\xbb\xbf"), "spreadsheet programs need the mark to read UTF-8"
    assert data.count(b"\xef\xbb\xbf") == 1
    read_back = pd.read_csv(io.BytesIO(data), keep_default_na=False, encoding="utf-8-sig")
    assert list(read_back.columns) == list(air_quality.columns)
    assert read_back["unit"].tolist() == ["µg/m³"] * 3
    assert read_back["indicator"].tolist() == ["PM2.5", "PM10", "NO₂"]
    assert read_back["note"].tolist() == air_quality["note"].tolist()


def test_filename_says_what_and_which_themes():
    assert (
        export_filename("Plan vs outcome", ["energy", "industry"], "png")
        == "shanxi-monitor_plan-vs-outcome_energy-industry.png"
    )
    assert export_filename("Plan vs outcome", ["industry", "energy"], "png").endswith("_industry-energy.png")
    assert export_filename("Plan vs outcome", (), "png") == "shanxi-monitor_plan-vs-outcome_all-themes.png"
    assert export_filename("Growth rates", ["culture_tourism"], "csv") == (
        "shanxi-monitor_growth-rates_culture-tourism.csv"
    )


HOSTILE_CASES = [
    ("../<script>alert(1)</script>", ["../../etc/passwd"], "png"),
    ("Plan vs outcome", [f"theme_{n}" for n in range(200)], "svg"),
    ("x" * 500, ["energy"], "pdf"),
    ("Plan // vs \\\\ outcome", ["<b>", "..", "CON"], "csv"),
    ("", [""], ""),
]


@pytest.mark.parametrize(("what", "themes", "ext"), HOSTILE_CASES)
def test_filename_is_safe_for_hostile_input(what, themes, ext):
    name = export_filename(what, themes, ext)
    assert len(name) <= exports.MAX_FILENAME_LENGTH
    for forbidden in ("/", "\\", "<", ">", "..", ":", " ", "--"):
        assert forbidden not in name
    stem, _, extension = name.rpartition(".")
    assert stem.startswith("shanxi-monitor_")
    assert stem.count("_") == 2
    assert all(part for part in stem.split("_"))
    assert extension.isalnum()


def test_many_themes_are_counted_rather_than_listed():
    themes = [f"theme_{n}" for n in range(200)]
    assert export_filename("Plan vs outcome", themes, "png") == "shanxi-monitor_plan-vs-outcome_200-themes.png"
