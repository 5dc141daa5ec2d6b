"""The shell layer's errors: a command that failed, a program that is missing, a call that is wrong.

A CommandError carries what a script needs to react to a failure (the argv of the failing stage, its
exit code or signal, the tail of its stderr) and prints as one readable paragraph.
"""
from __future__ import annotations

import os
import signal as signals

from .quoting import render

# How much of a failing command's stderr an error keeps, and how much of that its message shows.
STDERR_TAIL_BYTES = 8192
MESSAGE_TAIL_LINES = 10


class ShellUsageError(ValueError):
    """The caller used the API wrongly (an unknown option, a NUL byte in an argument...)."""


class CommandError(Exception):
    """A command (or a stage of a pipeline) failed: non-zero exit, killed by a signal, or timed out."""

    def __init__(self, result, index: int):
        stage = result.stages[index]
        self.argv = stage.argv
        self.code = stage.code
        self.signal = stage.signal
        self.stderr = stage.stderr[-STDERR_TAIL_BYTES:]
        self.stdout = result.stdout
        self.codes = result.codes
        self.timed_out = result.timed_out
        self.result = result
        self._where = _stage_position(result, index)
        super().__init__(self._headline())

    def _headline(self) -> str:
        return f"command {self._failure()}: {render(self.argv)}{self._where}"

    def _failure(self) -> str:
        if self.timed_out:
            return f"timed out after {self.result.timeout:g} s"
        if self.signal is not None:
            return f"killed by {signal_name(self.signal)}"
        return f"failed with exit code {self.code}"

    def __str__(self) -> str:
        tail = _last_lines(self.stderr)
        return self.args[0] + (f"\nstderr:\n{tail}" if tail else "")


class CommandNotFound(CommandError):
    """The program of a stage does not exist on the PATH it was looked up in."""

    def __init__(self, result, index: int):
        self.path = result.stages[index].search_path
        super().__init__(result, index)

    def _headline(self) -> str:
        name = os.fsdecode(self.argv[0])
        return f"command not found: {name} (PATH searched: {self.path}){self._where}"

    def __str__(self) -> str:
        return self.args[0]


def signal_name(number: int) -> str:
    try:
        return signals.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _stage_position(result, index: int) -> str:
    if len(result.stages) == 1:
        return ""
    pipeline = " | ".join(render(stage.argv) for stage in result.stages)
    return f"\n(stage {index + 1} of {len(result.stages)} in: {pipeline})"


def _last_lines(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").rstrip("\n").splitlines()
    return "\n".join("  " + line for line in lines[-MESSAGE_TAIL_LINES:])
