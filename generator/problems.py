"""Problems found in a project: one located line each, `PATH:LINE[:COL]: error|warning: MESSAGE`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .core.characters import shown

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """Where a value came from: project-relative POSIX path, 1-based line (1 for a whole file) and column (0 = unknown)."""

    path: str
    line: int = 1
    column: int = 0

    def __str__(self) -> str:
        text = self.path
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    severity: str
    message: str

    def __str__(self) -> str:
        # Paths and messages quote file names and YAML values: shown() keeps their control characters
        # from reaching a terminal or CI log raw (an ANSI escape, a newline forging a line of its own).
        return shown(f"{self.location}: {self.severity}: {self.message}")

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        loc = self.location
        props = f"file={_property(loc.path)}"
        if loc.line:
            props += f",line={loc.line}"
        if loc.column:
            props += f",col={loc.column}"
        return f"::{self.severity} {shown(props)}::{shown(_data(self.message))}"


# Encoded as GitHub's toolkit does. Workflow commands end at a newline and treat % specially; a
# property value also ends at ',' or '::' (a file named `a,line=1,title=x.yaml` must not add properties).
_DATA_CODES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_CODES = _DATA_CODES + ((":", "%3A"), (",", "%2C"))


def _encoded(value: str, codes: tuple[tuple[str, str], ...]) -> str:
    for char, code in codes:
        value = value.replace(char, code)
    return value


def _data(value: str) -> str:
    return _encoded(value, _DATA_CODES)


def _property(value: str) -> str:
    return _encoded(value, _PROPERTY_CODES)


@dataclass
class Problems:
    """Collects every problem of a run, so a contributor sees them all at once, sorted by file and line."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, ERROR, message))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, WARNING, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity == ERROR]
