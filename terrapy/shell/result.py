"""What a finished run reports: per-stage exit statuses, captured output, time, and whether it failed.

The pipeline rule lives here: a run fails if any stage fails, except that a stage other than the
last one killed by SIGPIPE has only seen a later stage stop reading (`yes | head -1` succeeds).
`code` follows bash's pipefail: the status of the rightmost failing stage, 128+N for signal N.
"""
from __future__ import annotations

import signal as signals
from dataclasses import dataclass

from .errors import CommandError, CommandNotFound


@dataclass(frozen=True)
class StageStatus:
    argv: tuple
    code: int                       # exit status, or 128 + signal number
    signal: int | None              # the signal that killed the stage, if one did
    stderr: bytes
    search_path: str | None = None  # set when the program was not found on this PATH

    def failed(self, last: bool) -> bool:
        if self.code == 0:
            return False
        return last or self.signal != signals.SIGPIPE


@dataclass(frozen=True)
class Result:
    stdout: bytes
    stages: tuple[StageStatus, ...]
    seconds: float
    timeout: float | None = None
    timed_out: bool = False

    @property
    def failed_stage(self) -> int | None:
        last = len(self.stages) - 1
        failing = [i for i, stage in enumerate(self.stages) if stage.failed(i == last)]
        return failing[-1] if failing else None

    @property
    def ok(self) -> bool:
        return self.failed_stage is None and not self.timed_out

    @property
    def code(self) -> int:
        index = self.failed_stage
        return 0 if index is None else self.stages[index].code

    @property
    def signal(self) -> int | None:
        index = self.failed_stage
        return None if index is None else self.stages[index].signal

    @property
    def codes(self) -> tuple[int, ...]:
        return tuple(stage.code for stage in self.stages)

    @property
    def stderr(self) -> bytes:
        return b"".join(stage.stderr for stage in self.stages)

    def check(self) -> "Result":
        """Raise the CommandError that describes the failure, if the run failed."""
        if self.ok:
            return self
        index = self.failed_stage
        if index is None:           # timed out, yet every stage exited cleanly before the kill
            index = len(self.stages) - 1
        error = CommandNotFound if self.stages[index].search_path is not None else CommandError
        raise error(self, index)
