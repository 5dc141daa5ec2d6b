"""Starting one stage: argv, options and standard streams in, a Process out.

Every process of a run joins one process group (the first stage's pid), so a timeout or a Ctrl-C
reaches the whole tree, grandchildren included, with one killpg. A program that cannot start becomes a
Process that has already "exited" (127 not found, 126 not executable) with the reason as its stderr,
so a pipeline treats it like any other failing stage.
"""
from __future__ import annotations

import os
import shutil
import subprocess

from .options import Options
from .result import StageStatus

NOT_FOUND, NOT_EXECUTABLE = 127, 126


class Process:
    """A child process (or the record of one that could not start) and what it wrote to stderr."""

    def __init__(self, argv: tuple, popen=None, code=None, stderr=b"", search_path=None):
        self.argv = argv
        self.popen = popen
        self.returncode = code
        self.stderr = bytearray(stderr)
        self.search_path = search_path
        # A pidfd turns "this child exited" into an fd event, so one select() loop waits for
        # pipes and exits together, with no SIGCHLD handler and no polling.
        self.pidfd = os.pidfd_open(popen.pid) if popen is not None else None

    @property
    def running(self) -> bool:
        return self.returncode is None

    def reap(self, timeout: float | None = None) -> None:
        self.returncode = self.popen.wait(timeout)

    def status(self) -> StageStatus:
        code, signal = self.returncode, None
        if code < 0:
            code, signal = 128 - code, -code
        return StageStatus(self.argv, code, signal, bytes(self.stderr), self.search_path)


def spawn(argv: tuple, options: Options, stdin, stdout, stderr, group: int | None) -> Process:
    """Start argv in process group `group` (a new one when None); a bad program does not raise."""
    env = options.environment()
    try:
        popen = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=stderr, cwd=options.cwd,
                                 env=env, process_group=group or 0)
    except OSError as error:
        return _unstartable(argv, error, options, env)
    return Process(argv, popen)


def signal_group(group: int | None, signal: int) -> None:
    """Send a signal to a run's process group, if it still has members."""
    if group is None:
        return
    try:
        os.killpg(group, signal)
    except (ProcessLookupError, PermissionError):
        pass


def _unstartable(argv: tuple, error: OSError, options: Options, env) -> Process:
    name = os.fsdecode(argv[0])
    search_path = os.pathsep.join(os.fsdecode(d) for d in os.get_exec_path(env))
    if _is_cwd_error(error, options):
        reason = f"cwd {os.fsdecode(options.cwd)}: {error.strerror}"
    elif isinstance(error, FileNotFoundError) and _searched(name, search_path):
        message = f"command not found: {name}\n".encode()
        return Process(argv, code=NOT_FOUND, stderr=message, search_path=search_path)
    else:
        reason = error.strerror   # e.g. a directory, no execute permission, a missing interpreter
    code = NOT_EXECUTABLE if isinstance(error, PermissionError) else NOT_FOUND
    return Process(argv, code=code, stderr=f"cannot run {name}: {reason}\n".encode())


def _searched(name: str, search_path: str) -> bool:
    """True when the name was looked up on PATH (no slash) and is on none of its directories."""
    return "/" not in name and shutil.which(name, path=search_path) is None


def _is_cwd_error(error: OSError, options: Options) -> bool:
    return options.cwd is not None and error.filename is not None and \
        os.fsdecode(error.filename) == os.fsdecode(options.cwd)
