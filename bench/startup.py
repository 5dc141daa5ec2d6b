"""Start-up and translation benchmarks (issue: Foundation).

- start-up of `terrapy hello.lua` (plain Lua), warm (translation cached) and cold
  (empty cache), against the floor: a Python process that imports lupa and runs
  the same file on LuaJIT; runs are interleaved, medians of N reported;
- start-up of a script with Terra definitions, warm and cold;
- parse + translate throughput in lines per second on a generated 5,000-line .t file.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))

FLOOR = ("import lupa.luajit21 as l, sys; L = l.LuaRuntime(); "
         "L.execute(open(sys.argv[1], 'rb').read())")
TERRA_SCRIPT = """\
struct Point { x : double; y : double }
terra Point:norm2() : double return self.x * self.x + self.y * self.y end
terra add(a : int, b : int) : int return a + b end
print("defined", add:getname())
"""


def timed(command, env) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def interleaved(commands: dict, make_env) -> dict:
    samples = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            samples[name].append(timed(command, make_env(name)))
    return {name: statistics.median(values) for name, values in samples.items()}


def generated_source(lines: int) -> str:
    out, count, i = [], 0, 0
    while count < lines:
        out.append(f"""local t{i} = {{ a = {i}, b = "s{i}" }}
function f{i}(x, y) if x > y then return x - y else return t{i}.a + y end end
terra g{i}(a : int, b : &int) : int
  var c : int = a + @b * {i}
  for j = 0, 10 do c = c + j end
  if c > 3 then return c << 1 else return [t{i}.a] end
end
struct S{i} {{ x : int; y : double; z : &S{i} }}
""")
        count += 8
        i += 1
    return "".join(out)


def throughput() -> tuple[int, float]:
    sys.path.insert(0, str(ROOT))
    from terrapy.parser.grammar import parser
    from terrapy.parser.translate import translate
    parser()
    source = generated_source(5000)
    lines = source.count("\n")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        translate(source, "@gen.t", "k")
        best = min(best, time.perf_counter() - start)
    return lines, lines / best


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="terrapy-bench-"))
    hello = work / "hello.lua"
    hello.write_text('print("hello")\n')
    terra_file = work / "defs.t"
    terra_file.write_text(TERRA_SCRIPT)
    warm_cache = work / "warm-cache"
    python = sys.executable

    def make_env(name):
        # bytecode is cached, as for an installed package (pip compiles it), even on
        # a machine that sets PYTHONDONTWRITEBYTECODE; the cache lives in `work`
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(work / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if name.endswith("cold"):
            cold = work / "cold-cache"
            shutil.rmtree(cold, ignore_errors=True)
            env["TERRAPY_CACHE"] = str(cold)
        else:
            env["TERRAPY_CACHE"] = str(warm_cache)
        return env

    subprocess.run([python, "-m", "terrapy", str(terra_file)], env=make_env("warm"),
                   check=True, stdout=subprocess.DEVNULL)
    results = interleaved({
        "lupa floor (python + lupa + LuaJIT)": [python, "-c", FLOOR, str(hello)],
        "terrapy hello.lua, warm": [python, "-m", "terrapy", str(hello)],
        "terrapy hello.lua, cold": [python, "-m", "terrapy", str(hello)],
        "terrapy defs.t (terra), warm": [python, "-m", "terrapy", str(terra_file)],
        "terrapy defs.t (terra), cold": [python, "-m", "terrapy", str(terra_file)],
    }, make_env)
    floor = results["lupa floor (python + lupa + LuaJIT)"]
    print(f"start-up, median of {ROUNDS} interleaved runs")
    for name, seconds in results.items():
        print(f"  {name:40s} {seconds * 1000:7.1f} ms   {seconds / floor:5.2f}x floor")
    lines, rate = throughput()
    print(f"parse+translate: {lines} lines, {rate:,.0f} lines/s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
