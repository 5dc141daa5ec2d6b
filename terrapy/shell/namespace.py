"""Programs as attributes: `sh.ls(...)` runs now and returns stdout; `sh.cmd.ls(...)` is lazy.

A Shell carries default options (`with_`), so `sh.with_(cwd="/tmp").ls()` runs ls in /tmp. A name
that is also an attribute here (`glob`, `shell`, `cmd`, ...) or not an identifier is reached with
`program(name)` or `cmd[name]`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .argv import flatten
from .command import Command
from .errors import ShellUsageError
from .globbing import glob
from .options import Options
from .quoting import quote_words


@dataclass(frozen=True)
class Program:
    """A program that runs when called: `sh.git("status")` returns git's stdout, raising on failure."""

    command: Command

    def __call__(self, *args, **options) -> bytes:
        return self.command.bake(*args, **options).run().stdout

    def bake(self, *args, **options) -> "Program":
        return Program(self.command.bake(*args, **options))

    def __str__(self) -> str:
        return str(self.command)


class Shell:
    def __init__(self, options: Options = Options()):
        self._options = options

    def __getattr__(self, name: str) -> Program:
        if name.startswith("_"):    # keep Python's protocols (copy, pickle, pytest) out of PATH
            raise AttributeError(name)
        return self.program(name)

    def program(self, name) -> Program:
        return Program(self.command(name))

    def command(self, name) -> Command:
        words = flatten([name])
        if len(words) != 1 or not words[0]:
            raise ShellUsageError(f"a program name is one non-empty string, got {name!r}")
        return Command((words[0],), self._options)

    @property
    def cmd(self) -> "Commands":
        return Commands(self)

    def with_(self, **options) -> "Shell":
        return Shell(self._options.merge(Options.make(**options)))

    def glob(self, pattern) -> list:
        return glob(pattern, self._options.cwd)

    def shell(self, script, **options) -> bytes:
        """The one path through /bin/sh: script is shell code, so quote values with quote()."""
        return self.program("/bin/sh")("-c", script, **options)

    @staticmethod
    def quote(value) -> str | bytes:
        """A value (or a list of them) quoted for /bin/sh, joined by spaces."""
        return quote_words(flatten([value]))


class Commands:
    """`sh.cmd`: the same names as a Shell, giving lazy commands instead of running programs."""

    def __init__(self, shell: Shell):
        self._shell = shell

    def __getattr__(self, name: str) -> Command:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._shell.command(name)

    def __getitem__(self, name) -> Command:
        return self._shell.command(name)
