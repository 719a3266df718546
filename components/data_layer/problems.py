"""Problems found in the data files, and where they are: file plus line, or a path inside the document."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    location: str  # "line 12" where the parser knows it, else a path such as "observations[3].value"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class DataLayerError(Exception):
    """Raised with every problem at once, so a curator can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data layer:\n" + "\n".join(map(str, problems)))
