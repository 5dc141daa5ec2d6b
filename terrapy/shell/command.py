"""Lazy commands and pipelines: values that describe processes without starting them.

A Command is an argv plus bound options; calling it or `bake` adds arguments and returns a new one.
`pipe` joins commands into a Pipeline. Only `run`, `ok`, `lines` and `fg` start processes.
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass

from .argv import flatten
from .errors import ShellUsageError
from .options import Options, describe
from .pipeline import RunningPipeline
from .plan import make_plan
from .quoting import render
from .result import Result
from .terminal import foreground


class Runnable:
    """What a command and a pipeline share: composing them, and the four ways to run them."""

    stages: tuple

    def pipe(self, *others: "Runnable") -> "Pipeline":
        for other in others:
            if not isinstance(other, Runnable):
                raise ShellUsageError(f"pipe: expected a lazy command, got {describe(other)}")
        return Pipeline(self.stages + tuple(s for other in others for s in other.stages))

    __or__ = pipe

    def run(self, **options) -> Result:
        """Run to completion; stdout and stderr are captured. Raises CommandError unless check=False."""
        plan = make_plan(self, Options.make(**options))
        return _finish(RunningPipeline(plan), plan)

    def ok(self, **options) -> bool:
        """True when the run succeeds; a failure (even a missing program) is False, never an error."""
        return self.run(**{**options, "check": False}).ok

    def lines(self, **options):
        """Stream the last stage's stdout line by line (without the newline) while the run goes on."""
        plan = make_plan(self, Options.make(**options))
        return _stream_lines(plan)

    def fg(self, **options) -> Result:
        """Run in the foreground: terrapy's terminal and streams are handed over until it exits."""
        plan = make_plan(self, Options.make(**options), terminal=True)
        running = RunningPipeline(plan)
        with closing(running), foreground(running.group):
            return _finish(running, plan)

    def __str__(self) -> str:
        return " | ".join(render(stage.argv) for stage in self.stages)

    def __repr__(self) -> str:
        return f"<{type(self).__name__.lower()} {self}>"


@dataclass(frozen=True, repr=False)
class Command(Runnable):
    argv: tuple
    options: Options = Options()

    @property
    def stages(self) -> tuple:
        return (self,)

    def bake(self, *args, **options) -> "Command":
        return Command(self.argv + tuple(flatten(args)), self.options.merge(Options.make(**options)))

    __call__ = bake     # a lazy command stays lazy when called: it only gains arguments


@dataclass(frozen=True, repr=False)
class Pipeline(Runnable):
    stages: tuple


def _finish(running: RunningPipeline, plan) -> Result:
    with closing(running):
        stdout = b"".join(running.chunks())
    result = running.result(stdout)
    return result.check() if plan.check else result


def _stream_lines(plan):
    # Processes start at the first next(), inside the generator, so that a stream that is never
    # iterated starts nothing; closing the generator early stops and reaps the pipeline.
    running = RunningPipeline(plan)
    with closing(running):
        yield from split_lines(running.chunks())
    if plan.check:
        running.result().check()


def split_lines(chunks):
    """Bytes chunks -> lines without their b"\\n"; linear even when one line spans many chunks."""
    pieces: list[bytes] = []
    for chunk in chunks:
        *complete, rest = chunk.split(b"\n")
        if complete:
            pieces.append(complete[0])
            complete[0] = b"".join(pieces)
            pieces = []
            yield from complete
        if rest:
            pieces.append(rest)
    if pieces:
        yield b"".join(pieces)
