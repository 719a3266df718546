"""Pages to HTML: Jinja2 templates with autoescape on, so text from the data is always text, and
the README's method notes (authored Markdown, not data) rendered with raw HTML turned off."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from components import exports

from .pages import FRONT_PAGE, Link, SitePage, menu
from .text import LANGUAGE_TEXTS, Text

TEMPLATES = Path(__file__).resolve().with_name("templates")


@dataclass(frozen=True)
class LanguageLink(Link):
    code: str = ""


def authored_markdown(text: str) -> Markup:
    """The README's Markdown as HTML. CommonMark with raw HTML off: a tag in the text is shown as
    written, and links with a javascript: address are left as text."""
    return Markup(_markdown().render(text))  # noqa: S704 - markdown-it escapes all text and drops raw HTML


@functools.cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: nothing from the data becomes markup
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the build instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["authored_markdown"] = authored_markdown
    env.globals["mime_types"] = exports.MIME_TYPES
    return env


@dataclass(frozen=True)
class Frame:
    """What every page of one language shares: its words, where the shared assets are, the build
    line, its pages (for the menu) and the language links."""

    text: Text
    root: str  # the way from the language's folder up to the site's root: "" or "../"
    built: str
    pages: list[SitePage]
    languages: dict[str, str]  # language code -> the folder of its pages, relative to the site's root


def inline_svg(path: Path, prefix: str) -> Markup:
    """A chart's SVG file (drawn by vl-convert, as the download is) for the page itself, so the chart
    shows with scripts off and in print. vl-convert writes every text of the chart escaped, and the
    file is the build's own output, never data read as markup; its XML declaration is dropped, and
    its ids (clip paths) get `prefix`, since each file numbers them from the same start."""
    svg = path.read_text(encoding="utf-8")
    svg = svg[svg.find("<svg") :].replace("<svg", '<svg aria-hidden="true"', 1)  # its name is on the figure
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    return Markup(svg)  # noqa: S704 - vl-convert's own SVG, its texts escaped by Vega


def render_page(page: SitePage, frame: Frame, folder: Path) -> str:
    here = frame.text.language
    languages = [
        LanguageLink(LANGUAGE_TEXTS[code].name, page.file if code == here else f"{frame.root}{folder}{page.file}",
                     code == here, code)
        for code, folder in frame.languages.items()
    ]  # fmt: skip
    return (
        environment()
        .get_template(page.template)
        .render(
            t=frame.text,
            page=page,
            root=frame.root,
            front_page=FRONT_PAGE,
            menu=menu(frame.pages, frame.text, page),
            languages=languages if len(languages) > 1 else [],
            view=page.view,
            svg_of=lambda block: inline_svg(folder / block.files["svg"], block.id),
            built=frame.built,
        )
    )
