"""A lazy command or pipeline plus the options of one run -> a Plan: the stages and their streams.

A command given as stdin becomes the upstream stages of the run (one OS pipe, no buffering), so
`wc -l` with stdin = `find .` runs exactly like `find . | wc -l`. Options given to the run apply to
every stage; options bound to a stage apply to it alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from .errors import ShellUsageError
from .options import Options
from .quoting import render


@dataclass(frozen=True)
class Stage:
    argv: tuple
    options: Options        # this stage's cwd, env and stderr (merged with the run's)


@dataclass(frozen=True)
class Plan:
    stages: tuple[Stage, ...]
    stdin: bytes | None             # data for the first stage; None: /dev/null (the terminal in fg)
    stdout: str | bytes | None      # file path for the last stage; None: captured (the terminal in fg)
    timeout: float | None
    check: bool
    terminal: bool = False          # fg: unset streams are the terminal's, and it is handed over


def make_plan(runnable, call: Options, terminal: bool = False) -> Plan:
    chain, stdin = _with_upstream(runnable.stages, call.stdin)
    _refuse_inner_stdout(chain)
    merged = reduce(Options.merge, [stage.options for stage in chain] + [call])
    stdout = call.stdout if call.stdout is not None else chain[-1].options.stdout
    stages = tuple(Stage(command.argv, command.options.merge(call)) for command in chain)
    check = True if merged.check is None else merged.check
    return Plan(stages, stdin, stdout, merged.timeout, check, terminal)


def _with_upstream(stages: tuple, stdin) -> tuple[tuple, bytes | None]:
    """The stages preceded by their stdin command's stages (recursively), and the data left for stdin."""
    for later in stages[1:]:
        if later.options.stdin is not None:
            raise ShellUsageError(f"option stdin given to '{render(later.argv)}', which reads "
                                  "from the previous stage of its pipeline")
    source = stdin if stdin is not None else stages[0].options.stdin
    if hasattr(source, "stages"):
        upstream, data = _with_upstream(source.stages, None)
        return upstream + stages, data
    return stages, source


def _refuse_inner_stdout(chain: tuple) -> None:
    for stage in chain[:-1]:
        if stage.options.stdout is not None:
            raise ShellUsageError(f"option stdout given to '{render(stage.argv)}', which writes "
                                  "into the next stage of its pipeline")
