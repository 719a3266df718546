"""The import rules the layout in README.md promises, read from the source: arrows run one way (the
frame and pages use the UI helpers and views; views use the data layer, formatting and chart
builders), nothing below the pages imports Streamlit, only the frame's choices read session state,
pages never touch the raw data layer, and no module imports itself round a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

COMPONENTS = REPO / "components"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The modules `path` imports at run time (imports under `if TYPE_CHECKING:` are for types only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


SOURCES = {module_name(path): path for path in sorted(COMPONENTS.rglob("*.py"))}
PAGES = sorted((REPO / "app_pages").glob("*.py"))


def imported_components(path: Path) -> set[str]:
    return {name for name in imports_of(path) if name in SOURCES}


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_nothing_below_the_pages_imports_streamlit_but_the_ui_helpers(module):
    if module.startswith("components.ui"):
        return
    assert not any(name.split(".")[0] == "streamlit" for name in imports_of(SOURCES[module])), module


@pytest.mark.parametrize(
    "layer, forbidden",
    [
        ("components.data_layer", ("components.views", "components.ui", "components.snapshot", "components.charts")),
        ("components.views", ("components.ui", "components.snapshot")),
        ("components.formatting", ("components.data_layer", "components.views", "components.ui")),
        ("components.charts", ("components.views", "components.ui", "components.snapshot")),
        ("components.snapshot", ("components.ui",)),
    ],
)
def test_arrows_run_one_way(layer, forbidden):
    for module, path in SOURCES.items():
        if module == layer or module.startswith(layer + "."):
            wrong = sorted(name for name in imported_components(path) if name.startswith(forbidden))
            assert not wrong, f"{module} imports {wrong}"


def test_only_the_frames_choices_read_session_state():
    readers = sorted(module for module, path in SOURCES.items() if "session_state" in path.read_text(encoding="utf-8"))
    pages = [page.name for page in PAGES if "session_state" in page.read_text(encoding="utf-8")]
    assert readers == ["components.ui.choices"] and pages == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_a_page_takes_its_view_and_the_ui_helpers_only(page):
    imported = {name for name in imports_of(page) if name.startswith("components.")}
    allowed = ("components.views", "components.ui", "components.markdown")
    assert all(name.startswith(allowed) for name in imported), sorted(imported)
    assert not any(name.split(".")[0] == "yaml" for name in imports_of(page))


def test_no_module_imports_itself_round_a_circle():
    graph = {module: {name for name in imported_components(path) if name != module} for module, path in SOURCES.items()}
    # A package's __init__ re-exports its modules; a module importing its own package's name is not a circle.
    for module in graph:
        graph[module] = {name for name in graph[module] if not module.startswith(name + ".")}
    state: dict[str, str] = {}
    circles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for name in sorted(graph[module]):
            if state.get(name) == "open":
                circles.append([*trail[trail.index(name) :], name] if name in trail else [module, name])
            elif name not in state:
                visit(name, [*trail, name])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, circles
