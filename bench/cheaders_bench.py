"""C header import cost (issue: C headers), one command: `python bench/cheaders_bench.py`.

For each header: a cold import (empty cache: preprocess, parse, translate,
macros, header code compiled) and a warm one (a new process, the translation
read from the cache), the warm one measured after terrapy's own modules are
loaded; medians of 5 processes each.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADERS = ["stdio.h", "stdlib.h", "math.h", "string.h", "pthread.h", "sys/socket.h",
           "zlib.h", "sqlite3.h", "stdio.h+stdlib.h+math.h+string.h"]
SCRIPT = """
terra warm() return 1 end
terralib.includec("stdint.h")
local code = ...
local t = terralib.currenttimeinseconds()
terralib.includecstring(code)
io.write(string.format("%.3f", (terralib.currenttimeinseconds() - t) * 1e3))
"""


def code_for(spec: str) -> str:
    return "".join(f"#include <{h}>\n" for h in spec.split("+"))


def run(spec: str, cache: pathlib.Path, script: pathlib.Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERRAPY_CACHE=str(cache))
    out = subprocess.run([sys.executable, "-m", "terrapy", str(script), code_for(spec)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return float(out)


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="terrapy-cheaders-"))
    script = work / "import.t"
    script.write_text(SCRIPT)
    print(f"{'header':40s} {'cold ms':>9s} {'warm ms':>9s}   (medians of 5 processes)")
    for spec in HEADERS:
        cold, warm = [], []
        for _ in range(5):
            cache = work / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run(spec, cache, script))
            warm.append(run(spec, cache, script))
        print(f"{spec:40s} {statistics.median(cold):9.1f} {statistics.median(warm):9.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
