"""Process hygiene of the shell layer: memory while streaming, timeouts over the whole process group,
Ctrl-C forwarding, no zombies or leaked descriptors, and terminal hand-over in fg."""
import json
import os
import pty
import signal
import sys
import time

import pytest

from shell_helpers import ROOT, is_gone, open_fds, own_children, python_child
from terrapy import shell as sh

MB = 1 << 20

# 200 MB through three stages (yes | head | tr), every byte of it read by terrapy line by line.
_STREAM_PYTHON = """
import json, resource
from terrapy import shell as sh
def peak():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) * 1024
pipeline = sh.cmd.yes("a" * 999).pipe(sh.cmd.head("-c", 200_000_000), sh.cmd.tr("a", "b"))
list(sh.cmd.echo("warm-up").pipe(sh.cmd.cat()).lines())
before = peak()
total = lines = 0
for line in pipeline.lines():
    total += len(line) + 1
    lines += 1
print(json.dumps({"before": before, "after": peak(), "bytes": total, "lines": lines,
                  "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

_STREAM_LUA = """
import json
from lupa import luajit21
from terrapy.shell.lua_binding import install
def peak():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]) * 1024
lua = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=None)
install(lua)
count = lua.eval(b'''function(limit)
  local sh = require "shell"
  local total, lines = 0, 0
  local pipeline = sh.cmd.yes(("a"):rep(999)):pipe(sh.cmd.head("-c", limit)):pipe(sh.cmd.tr("a", "b"))
  for line in pipeline:lines() do total = total + #line + 1; lines = lines + 1 end
  return total, lines
end''')
count(1000)
before = peak()
total, lines = count(200_000_000)
print(json.dumps({"before": before, "after": peak(), "bytes": total, "lines": lines}))
"""


@pytest.mark.parametrize("script", [_STREAM_PYTHON, _STREAM_LUA], ids=["python", "lua"])
def test_three_stage_pipeline_of_200_mb_keeps_terrapy_memory_flat(script):
    child = python_child(script)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["bytes"] == 200_000_000 and report["lines"] == 200_000
    assert report["after"] - report["before"] < 50 * MB, report


def test_yes_piped_into_head_succeeds():
    assert sh.head("-1", stdin=sh.cmd.yes()) == b"y\n"
    assert sh.cmd.yes().pipe(sh.cmd.head("-c", 10)).ok()


def test_timeout_kills_grandchildren_too():
    started = time.monotonic()
    with pytest.raises(sh.CommandError) as caught:
        sh.sh("-c", "sleep 30 & echo $!; sleep 30; wait", timeout=0.5)
    grandchild = int(caught.value.stdout)
    assert caught.value.timed_out and caught.value.signal == signal.SIGTERM
    assert "timed out after 0.5 s" in str(caught.value)
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while not is_gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert is_gone(grandchild)


def test_timeout_escalates_to_sigkill_when_sigterm_is_ignored():
    started = time.monotonic()
    result = sh.cmd.sh("-c", "trap '' TERM; sleep 30").run(check=False, timeout=0.3)
    assert result.timed_out and result.signal == signal.SIGKILL
    assert 1.0 < time.monotonic() - started < 5    # the grace period between TERM and KILL


def test_500_short_commands_leave_no_zombies_and_no_open_descriptors(tmp_path):
    fds_before, children_before = open_fds(), own_children()
    (tmp_path / "f").write_text("1\n2\n3\n")
    for _ in range(100):
        assert sh.cat(tmp_path / "f") == b"1\n2\n3\n"
        assert not sh.cmd.false().ok()
        assert sh.cmd.cat(tmp_path / "f").pipe(sh.cmd.sort("-r"), sh.cmd.head("-1")).run().stdout \
            == b"3\n"
        assert not sh.cmd.no_such_program_xyz().ok()
        stream = sh.cmd.yes().lines()
        assert next(stream) == b"y"
        stream.close()     # an abandoned stream: yes must be stopped and reaped
    assert own_children() == children_before
    assert open_fds() == fds_before


# sh traps SIGINT; its background sleep ignores it (the POSIX rule for '&'), so the run must
# escalate to SIGKILL over the group after the grace period.
_TRAPPING_SCRIPT = "trap 'echo got-int > {flag}; exit 5' INT; echo > {ready}; sleep 30 & wait"

_INTERRUPTED_PYTHON = """
import sys
from terrapy import shell as sh
flag, ready = sys.argv[1:3]
try:
    sh.shell(SCRIPT.format(flag=flag, ready=ready))
except KeyboardInterrupt:
    print("interrupted: KeyboardInterrupt")
"""

_INTERRUPTED_LUA = """
import sys
from lupa import luajit21
from terrapy.shell.lua_binding import install
lua = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=None)
install(lua)
flag, ready = sys.argv[1:3]
report = lua.eval(b'''function(script)
  local ok, e = pcall(require("shell").shell, script)
  return ("interrupted: %s %s %s"):format(type(e), tostring(e.interrupted), tostring(e))
end''')
print(report(SCRIPT.format(flag=flag, ready=ready).encode()).decode())
"""


@pytest.mark.parametrize("script, report", [
    (_INTERRUPTED_PYTHON, "interrupted: KeyboardInterrupt"),
    (_INTERRUPTED_LUA, 'interrupted: table true [string "<python>"]:2: interrupted'),
], ids=["python", "lua"])
def test_ctrl_c_reaches_the_running_pipeline_not_only_terrapy(tmp_path, script, report):
    flag, ready = tmp_path / "flag", tmp_path / "ready"
    # SIG_DFL: a child started from a non-interactive shell's background job inherits SIGINT ignored.
    child = python_child(f"SCRIPT = {_TRAPPING_SCRIPT!r}\n" + script, str(flag), str(ready),
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 20
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGINT)     # as a terminal's Ctrl-C would: terrapy's group only
    out, err = child.communicate(timeout=20)
    assert child.returncode == 0, err.decode()
    assert out.decode().strip() == report
    assert flag.read_text() == "got-int\n"


_FOREGROUND = """
import os
from terrapy import shell as sh
print("terrapy owns the terminal:", os.tcgetpgrp(0) == os.getpgrp(), flush=True)
sh.cmd.sh("-c", 'echo "child ready"; read -r line; echo "child read: $line"; '
                 'read -r f1 f2 f3 f4 pgrp f6 f7 tpgid rest < /proc/self/stat; '
                 'echo "child owns the terminal: $([ $pgrp = $tpgid ] && echo True)"').fg()
print("terrapy owns the terminal again:", os.tcgetpgrp(0) == os.getpgrp(), flush=True)
"""


def test_fg_hands_the_terminal_over_and_takes_it_back():
    pid, master = pty.fork()
    if pid == 0:    # the child: a session leader whose controlling terminal is the pty
        try:
            os.environ["PYTHONPATH"] = str(ROOT)
            os.execv(sys.executable, [sys.executable, "-c", _FOREGROUND])
        finally:
            os._exit(127)   # never return into a copy of pytest
    # Reading the terminal from a background group would stop the child (SIGTTIN): that the line
    # arrives shows the hand-over, and the child then checks it through /proc.
    transcript = _converse(master, b"child ready", b"typed-by-user\n")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, transcript
    assert "terrapy owns the terminal: True" in transcript
    assert "child owns the terminal: True" in transcript
    assert "child read: typed-by-user" in transcript
    assert "terrapy owns the terminal again: True" in transcript


def _converse(master: int, prompt: bytes, answer: bytes) -> str:
    """Read the pty until EOF, typing `answer` once `prompt` has appeared."""
    received, answered = b"", False
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 4096)
        except OSError:     # EIO: every process holding the pty's other side has exited
            break
        if not chunk:
            break
        received += chunk
        if not answered and prompt in received:
            os.write(master, answer)
            answered = True
    os.close(master)
    return received.decode(errors="replace")
