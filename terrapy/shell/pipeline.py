"""Running a Plan: all stages at once, connected by OS pipes, serviced by one select() loop.

Data between stages never passes through terrapy: each stage's stdout is the next one's stdin. The
loop only feeds the first stage's stdin, drains the last stage's stdout and every stage's stderr, and
reaps each child when its pidfd fires, so no pipe fills up and nothing deadlocks. Timeouts and
Ctrl-C escalate over the whole process group: SIGTERM (SIGINT for Ctrl-C), then SIGKILL.
"""
from __future__ import annotations

import os
import selectors
import signal
import subprocess
import time

from .errors import ShellUsageError
from .plan import Plan
from .process import Process, signal_group, spawn
from .result import Result

CHUNK = 1 << 16
GRACE_SECONDS = 1.0     # between SIGTERM/SIGINT and SIGKILL, and before giving up on stray pipes


class RunningPipeline:
    """The processes of one run, the pipe ends terrapy holds, and the loop that services them."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.started = self.finished = time.monotonic()
        self.selector = selectors.DefaultSelector()
        self.processes: list[Process] = []
        self.group: int | None = None
        self.pending = memoryview(plan.stdin or b"")
        self.kill_at = None if plan.timeout is None else self.started + plan.timeout
        self.escalation = 0
        self.timed_out = self.interrupted = self.closed = False
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    # -- starting ---------------------------------------------------------------------------------

    def _start(self) -> None:
        stdout = self._stdout_target(self.plan.stages[-1])
        stdin = self._stdin_source()
        for stage in self.plan.stages[:-1]:
            next_stdin, write_end = os.pipe()
            self._spawn(stage, stdin, write_end)
            stdin = next_stdin
        self._spawn(self.plan.stages[-1], stdin, stdout)

    def _spawn(self, stage, stdin, stdout) -> None:
        stderr, stderr_read = self._stderr_target(stage)
        try:
            process = spawn(stage.argv, stage.options, stdin, stdout, stderr, self.group)
        except BaseException:
            _close_ours(stderr_read)
            raise
        finally:
            _close_ours(stdin, stdout, stderr)
        self.processes.append(process)
        if process.popen is not None:
            self.group = self.group or process.popen.pid
            self._watch(process.pidfd, selectors.EVENT_READ, self._on_exit(process))
        if stderr_read is not None:
            self._watch(stderr_read, selectors.EVENT_READ, self._on_stderr(process))

    def _stdin_source(self):
        if self.pending:
            read_end, write_end = os.pipe()
            os.set_blocking(write_end, False)
            self._watch(write_end, selectors.EVENT_WRITE, self._on_stdin)
            return read_end
        # Never leave a child reading terrapy's terminal unless asked to (fg).
        return None if self.plan.terminal and self.plan.stdin is None else subprocess.DEVNULL

    def _stdout_target(self, last):
        if self.plan.stdout is not None:
            return _open_output(self.plan.stdout, last.options.cwd)
        if self.plan.terminal:
            return None
        read_end, write_end = os.pipe()
        self._watch(read_end, selectors.EVENT_READ, self._on_stdout)
        return write_end

    def _stderr_target(self, stage) -> tuple:
        """The child's stderr, and the read end terrapy drains when it is captured."""
        mode = stage.options.stderr or ("inherit" if self.plan.terminal else "capture")
        if mode == "inherit":
            return None, None
        if mode == "stdout":
            return subprocess.STDOUT, None
        read_end, write_end = os.pipe()
        return write_end, read_end

    # -- the loop ---------------------------------------------------------------------------------

    def chunks(self):
        """Service every pipe and child until all are done, yielding captured stdout as it arrives."""
        while self.selector.get_map():
            for key in self._ready():
                chunk = key.data(key.fd)
                if chunk:
                    yield chunk
        self.finished = time.monotonic()
        if self.interrupted:
            raise KeyboardInterrupt

    def _ready(self) -> list:
        # Escalate before selecting, never between select() and the handlers: escalating may
        # close fds, and a handler must not run for an fd that is gone.
        if self.kill_at is not None and time.monotonic() >= self.kill_at:
            self._escalate()
            if not self.selector.get_map():
                return []
        try:
            events = self.selector.select(self._time_left())
        except KeyboardInterrupt:
            self._interrupt()
            return []
        return [key for key, _ in events]

    def _time_left(self) -> float | None:
        return None if self.kill_at is None else max(0.0, self.kill_at - time.monotonic())

    def _on_stdout(self, fd: int) -> bytes:
        chunk = os.read(fd, CHUNK)
        if not chunk:
            self._forget(fd)
        return chunk

    def _on_stderr(self, process: Process):
        def read(fd: int) -> None:
            chunk = os.read(fd, CHUNK)
            if chunk:
                process.stderr += chunk
            else:
                self._forget(fd)
        return read

    def _on_stdin(self, fd: int) -> None:
        try:
            written = os.write(fd, self.pending[:CHUNK])
        except BlockingIOError:
            return
        except BrokenPipeError:     # the first stage stopped reading: the rest is not wanted
            written = len(self.pending)
        self.pending = self.pending[written:]
        if not self.pending:
            self._forget(fd)

    def _on_exit(self, process: Process):
        def reap(fd: int) -> None:
            process.reap()
            process.pidfd = None
            self._forget(fd)
        return reap

    # -- timeouts, Ctrl-C and clean-up --------------------------------------------------------------

    def _interrupt(self) -> None:
        """Ctrl-C reached terrapy: pass it on to the pipeline, then escalate if it does not stop."""
        if self.interrupted:
            self._escalate()
            return
        self.interrupted = True
        signal_group(self.group, signal.SIGINT)
        self.escalation, self.kill_at = 1, time.monotonic() + GRACE_SECONDS

    def _escalate(self) -> None:
        """The deadline passed: SIGTERM the group, then SIGKILL it, then stop waiting for pipes."""
        step, self.escalation = self.escalation, self.escalation + 1
        self.kill_at = time.monotonic() + GRACE_SECONDS
        if step == 0:
            self.timed_out = True
            signal_group(self.group, signal.SIGTERM)
        elif step == 1:
            signal_group(self.group, signal.SIGKILL)
        else:
            # Everything in the group is dead; a pipe still open belongs to a process that left it.
            self.kill_at = None
            self._forget_pipes()

    def _forget_pipes(self) -> None:
        pidfds = {process.pidfd for process in self.processes}
        for key in list(self.selector.get_map().values()):
            if key.fd not in pidfds:
                self._forget(key.fd)

    def close(self) -> None:
        """Leave nothing behind: close terrapy's pipe ends, stop and reap any child still running."""
        if self.closed:
            return
        self.closed = True
        for key in list(self.selector.get_map().values()):
            self._forget(key.fd)
        self.selector.close()
        running = [process for process in self.processes if process.running]
        if running:     # an abandoned stream, or an error while starting
            signal_group(self.group, signal.SIGTERM)
        for process in running:
            _reap_or_kill(process, self.group)

    def result(self, stdout: bytes = b"") -> Result:
        stages = tuple(process.status() for process in self.processes)
        return Result(stdout, stages, self.finished - self.started, self.plan.timeout, self.timed_out)

    def _watch(self, fd: int, events: int, handler) -> None:
        self.selector.register(fd, events, handler)

    def _forget(self, fd: int) -> None:
        self.selector.unregister(fd)
        os.close(fd)


def _reap_or_kill(process: Process, group: int | None) -> None:
    try:
        process.reap(GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        signal_group(group, signal.SIGKILL)
        process.reap()


def _open_output(path, cwd) -> int:
    if cwd is not None and not os.path.isabs(path):
        path = os.path.join(os.fsencode(cwd), os.fsencode(path))
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    except OSError as error:
        message = f"option stdout: cannot open {os.fsdecode(path)}: {error.strerror}"
        raise ShellUsageError(message) from None


def _close_ours(*fds) -> None:
    """Close the parent's copies of a child's streams; the subprocess constants (< 0) are not fds."""
    for fd in fds:
        if isinstance(fd, int) and fd >= 0:
            os.close(fd)
