"""The cost of running a program through the shell layer (issue 6): `true`, 1,000 times, through

- `sh` from Python (`terrapy.shell`: stdout and stderr captured, exit status checked),
- `sh` from Lua (`require "shell"` in a LuaJIT runtime, the calls a script makes),
- Python's `subprocess.run(["true"])` (no capture: the floor for spawning from Python),
- `subprocess.run(["true"], capture_output=True)` (what sh does: both streams captured),
- a bash loop running the `true` program (fork + exec in C, no Python at all).

Implementations are interleaved in rounds (each round runs all of them, in a rotating order) so that
machine noise hits them alike; the report gives the median per implementation, the cost of one
call, and the ratio to subprocess.run. `python bench/shell_bench.py [CALLS]`; rounds: BENCH_ROUNDS.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # runnable from a checkout without `pip install`

from lupa import luajit21  # noqa: E402

from terrapy import shell as sh  # noqa: E402
from terrapy.shell.lua_binding import install  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TRUE = shutil.which("true")     # the program: bash's `true` is a builtin and would spawn nothing


def sh_python(calls: int) -> None:
    run_true = sh.program("true")
    for _ in range(calls):
        run_true()


def sh_lua():
    lua = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=None)
    install(lua)
    return lua.eval(b"""function(calls)
      local run_true = require("shell")["true"]
      for _ = 1, calls do run_true() end
    end""")


def subprocess_run(calls: int) -> None:
    for _ in range(calls):
        subprocess.run(["true"], check=True)


def subprocess_run_captured(calls: int) -> None:
    for _ in range(calls):
        subprocess.run(["true"], check=True, capture_output=True)


def bash_loop(calls: int) -> None:
    subprocess.run(["bash", "-c", f"for ((i = 0; i < {calls}; i++)); do {TRUE}; done"], check=True)


def measure(implementations: dict, calls: int) -> dict:
    samples = {name: [] for name in implementations}
    names = list(implementations)
    for round_index in range(ROUNDS):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            implementations[name](calls)
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(times) for name, times in samples.items()}


def report(medians: dict, calls: int) -> None:
    floor = medians["subprocess.run"]
    print(f"`true` x {calls}, median of {ROUNDS} interleaved rounds")
    print(f"{'implementation':<26}{'total s':>9}{'per call us':>13}{'vs subprocess.run':>19}")
    for name, seconds in medians.items():
        print(f"{name:<26}{seconds:>9.3f}{seconds / calls * 1e6:>13.1f}{seconds / floor:>18.2f}x")


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    implementations = {"sh (Python)": sh_python, "sh (Lua)": sh_lua(),
                       "subprocess.run": subprocess_run,
                       "subprocess.run (captured)": subprocess_run_captured, "bash loop": bash_loop}
    report(measure(implementations, calls), calls)


if __name__ == "__main__":
    main()
