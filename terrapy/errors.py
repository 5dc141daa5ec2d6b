"""terrapy's error hierarchy and the one renderer for diagnostics.

Two forms of the same diagnostic exist, as in Terra: the Lua error value
(`file:line: message`, what `pcall` and programs see) and the command line's
rendering (`file:line:col: message`, the source line and a caret).
"""
from __future__ import annotations

from .source import Span, source_line


class TerraError(Exception):
    """A user error with a position."""

    def __init__(self, message: str, span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span

    def lua_message(self) -> str:
        if self.span is None:
            return self.message
        return f"{self.span.where}: {self.message}"

    def render(self) -> str:
        return render(self.message, self.span)

    def __str__(self) -> str:
        return self.lua_message()


class TerraSyntaxError(TerraError):
    """The source does not parse (or uses a construct its context forbids)."""


def render(message: str, span: Span | None) -> str:
    """`file:line:col: message`, then the source line and a caret under the column."""
    if span is None:
        return message
    from .source import display_name
    # a message of several lines (a callback's error and its traceback) keeps
    # its first line by the caret and the rest below it
    first, newline, rest = message.partition("\n")
    head = f"{display_name(span.chunkname)}:{span.line}:{span.column}: {first}"
    line = source_line(span.chunkname, span.line)
    if line is None:
        return head + newline + rest
    caret_pad = "".join("\t" if ch == "\t" else " " for ch in line[: span.column - 1])
    width = 1
    if span.end_line == span.line and span.end_column > span.column:
        width = span.end_column - span.column
    caret = "^" * min(width, max(1, len(line) - span.column + 1))
    return f"{head}\n{line}\n{caret_pad}{caret}{newline}{rest}"


class CompileErrors(TerraError):
    """Errors collected over one phase of one definition, reported together
    under Terra's summary line ("Errors reported during typechecking.")."""

    def __init__(self, errors: list[tuple[str, Span | None]], phase: str):
        self.errors = errors
        self.phase = phase
        super().__init__(errors[0][0] if errors else phase, errors[0][1] if errors else None)

    def lua_message(self) -> str:
        lines = [f"{span.where}: {message}" if span else message for message, span in self.errors]
        return "\n".join(lines + [f"Errors reported during {self.phase}."])

    def render(self) -> str:
        parts = [render(message, span) for message, span in self.errors]
        return "\n".join(parts + [f"Errors reported during {self.phase}."])


class Diagnostics:
    """Collects errors of a phase; `check()` raises them together."""

    def __init__(self, phase: str):
        self.phase = phase
        self.errors: list[tuple[str, Span | None]] = []

    def error(self, message: str, span: Span | None) -> None:
        self.errors.append((message, span))

    def check(self) -> None:
        if self.errors:
            raise CompileErrors(self.errors, self.phase)


class Poison(Exception):
    """Unwinds out of an expression that already reported its error, so that one
    mistake is not reported again by everything that uses its value."""
