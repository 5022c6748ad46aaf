"""Problems found in user-supplied files, collected and reported together.

Both the corpus build and the submission validator report *every* problem they
find with file, line and field, then refuse the input as a whole; nothing is
computed on a partial input.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}"


class InputError(Exception):
    """Raised with the full list of problems; the CLI prints them and exits 2."""

    exit_code = 2

    def __init__(self, problems: list[Problem], what: str = "input"):
        self.problems = list(problems)
        self.what = what
        super().__init__(self.render())

    def render(self, limit: int = 200) -> str:
        lines = [f"{self.what} rejected: {len(self.problems)} problem(s)"]
        lines += [f"  {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)
