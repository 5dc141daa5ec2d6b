"""Helpers for the shell tests: running Lua chunks, fresh Python interpreters, and looking at this
process's children and file descriptors through /proc."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def lua_run(runtime, code: str, *args):
    """Run a Lua chunk named script.lua (it sees the global `sh`, and `...` = args); its results.
    Text arguments go in as bytes, so that they are Lua strings whatever the runtime's encoding."""
    chunk = runtime.eval(b"function(code) return assert(loadstring(code, '@script.lua')) end")
    return chunk(code.encode())(*(os.fsencode(a) if isinstance(a, str) else a for a in args))


def as_text(value):
    return value.decode() if isinstance(value, bytes) else value


def python_child(script: str, *args: str, **popen) -> subprocess.Popen:
    """Start `python -c script args...` with this checkout importable; the caller waits or signals."""
    return python_process("-c", script, *args, **popen)


def python_process(*argv: str, **popen) -> subprocess.Popen:
    """Start `python argv...` (e.g. `-m terrapy file.t`) with this checkout importable."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, *argv], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **popen)


def own_children() -> list[int]:
    """Pids whose parent is this process (zombies included): what a leak of children looks like."""
    me = str(os.getpid())
    children = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = pathlib.Path("/proc", entry, "stat").read_text()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == me:
                children.append(int(entry))
    return children


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def is_gone(pid: int) -> bool:
    """Dead: no such process, or a zombie waiting for a reaper that is not us."""
    try:
        state = pathlib.Path("/proc", str(pid), "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")
