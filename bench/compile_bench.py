"""Terra core costs (issue: Terra core), one command: `python bench/compile_bench.py`.

- Lua -> terra call of `terra add(a:int, b:int) return a+b end`, in ns per call,
  beside a LuaJIT FFI call of a C function (abs from libc) and a plain Lua call;
- compile latency: ms from first call to result for a 20-line and a 500-line function;
- scale: 5,000 small functions defined and compiled one after another: total
  time, RSS growth, and the median time of the last 100 compiles against the first 100.
"""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

CALLS = r"""
local ffi = require "ffi"
ffi.cdef "int abs(int);"
terra add(a : int, b : int) : int return a + b end
add(1, 2)
local N = 2e8
local function timed(f)
  local best = math.huge
  for round = 1, 5 do
    local t = os.clock()
    local s = 0
    for i = 1, N do s = f(s, 1) end
    best = math.min(best, os.clock() - t)
  end
  return best / N * 1e9
end
local function luaadd(a, b) return a + b end
local C = ffi.C
print(string.format("call  terra add via FFI  %6.2f ns", timed(add)))
print(string.format("call  C abs via FFI      %6.2f ns", timed(function(s, x) return C.abs(s) + x end)))
print(string.format("call  Lua function       %6.2f ns", timed(luaadd)))
"""


def function_source(name: str, lines: int) -> str:
    body = ["  var s : int = a"]
    for i in range(lines - 3):
        body.append(f"  s = s + (a * {i % 7 + 1}) % {i % 5 + 2} - (s >> 3)")
    return f"terra {name}(a : int) : int\n" + "\n".join(body) + "\n  return s\nend\n"


LATENCY = """
local tw = terralib.currenttimeinseconds()
terra warm() : int return 1 end
warm()
print(string.format("first compile of the process (LLVM start-up)  %7.1f ms",
  (terralib.currenttimeinseconds() - tw) * 1e3))
local t0 = terralib.currenttimeinseconds()
{defs}
local t1 = terralib.currenttimeinseconds()
f20(1)
local t2 = terralib.currenttimeinseconds()
f500(1)
local t3 = terralib.currenttimeinseconds()
print(string.format("compile 20-line function   %7.1f ms (first call to result)", (t2 - t1) * 1e3))
print(string.format("compile 500-line function  %7.1f ms (first call to result)", (t3 - t2) * 1e3))
print(string.format("define (parse-time excluded) both  %7.1f ms", (t1 - t0) * 1e3))
"""

SCALE = r"""
local function rss()
  local f = io.open("/proc/self/status")
  local kb = f:read("*a"):match("VmRSS:%s*(%d+)")
  f:close()
  return tonumber(kb) / 1024
end
local times = {}
local start, rss0 = terralib.currenttimeinseconds(), rss()
for i = 1, 5000 do
  local k = i
  local t = terralib.currenttimeinseconds()
  local terra f(x : int) : int return x * [k] + 1 end
  assert(f(2) == 2 * k + 1)
  times[i] = terralib.currenttimeinseconds() - t
end
local total = terralib.currenttimeinseconds() - start
local function median(a, b)
  local s = {}
  for i = a, b do s[#s + 1] = times[i] end
  table.sort(s)
  return s[math.floor(#s / 2) + 1]
end
local first, last = median(1, 100), median(4901, 5000)
print(string.format("scale 5000 functions: total %.1f s, RSS +%.0f MB, first-100 median %.2f ms, last-100 median %.2f ms, ratio %.2f",
  total, rss() - rss0, first * 1e3, last * 1e3, last / first))
"""


def run(source: str) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".t", delete=False) as handle:
        handle.write(source)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "terrapy", handle.name], check=True, env=env)
    os.unlink(handle.name)


def main():
    run(CALLS)
    run(LATENCY.format(defs=function_source("f20", 20) + function_source("f500", 500)))
    run(SCALE)


if __name__ == "__main__":
    main()
