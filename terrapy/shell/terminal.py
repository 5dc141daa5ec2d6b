"""Handing the controlling terminal to a foreground run (`fg`) and taking it back afterwards.

While the run's process group owns the terminal, Ctrl-C and Ctrl-Z go to it rather than to terrapy,
and a full-screen program such as vim can read the keyboard. Without a terminal (tests, pipes, CI)
nothing is handed over and the run simply inherits terrapy's streams.
"""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from .process import signal_group


@contextmanager
def foreground(group: int | None):
    fd = _owned_terminal()
    if fd is None or group is None:
        yield
        return
    # The group already runs when it gets the terminal (the hand-over is the parent's half of what
    # a shell does on both sides of fork). A stage that touched the terminal in between was stopped
    # by SIGTTIN/SIGTTOU; SIGCONT resumes it and its read or tcsetattr is retried, now foreground.
    _give_terminal(fd, group)
    signal_group(group, signal.SIGCONT)
    try:
        yield
    finally:
        _give_terminal(fd, os.getpgrp())


def _owned_terminal() -> int | None:
    """fd 0 if it is a terminal whose foreground process group is terrapy's own."""
    try:
        return 0 if os.isatty(0) and os.tcgetpgrp(0) == os.getpgrp() else None
    except OSError:
        return None


def _give_terminal(fd: int, group: int) -> None:
    # Taking the terminal back from a background group raises SIGTTOU, which would stop terrapy;
    # blocking it (per thread, unlike signal.signal) lets tcsetpgrp proceed.
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTTOU})
    try:
        os.tcsetpgrp(fd, group)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
