"""Autotuned matrix multiply (issue: multi-stage programming), one command:
`python bench/matmul_bench.py` (needs numpy: `pip install '.[bench]'`).

terra (bench/matmul/autotune.t: block size, register tile and vector width
chosen by a Lua search at run time) against numpy/OpenBLAS on one thread and a
naive C triple loop (gcc -O3 -march=native), n = 512 and 1024, interleaved
rounds, best GFLOPS of each round's three runs, medians over rounds; the
fraction of OpenBLAS and of the core's double-precision peak.
"""
from __future__ import annotations

import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = [512, 1024]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))

NUMPY = """
import sys, time, numpy as np
for n in map(int, sys.argv[1:]):
    a = ((np.arange(n * n) * 7) % 17 / 17.0 - 0.5).reshape(n, n)
    b = ((np.arange(n * n) * 11) % 17 / 17.0 - 0.5).reshape(n, n)
    best = 1e30
    for _ in range(3):
        t = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t)
    print(n, 2 * n ** 3 / best / 1e9)
"""


def gflops(output: str) -> dict[int, float]:
    return {int(line.split()[0]): float(line.split()[1])
            for line in output.strip().splitlines() if line.strip()}


def peak_gflops() -> tuple[float, str]:
    """One core: clock x FMA units (2) x 2 flops x doubles per vector."""
    info = pathlib.Path("/proc/cpuinfo").read_text()
    mhz = float(re.search(r"cpu MHz\s*:\s*([\d.]+)", info).group(1))
    flags = re.search(r"flags\s*:(.*)", info).group(1).split()
    lanes = 8 if "avx512f" in flags else 4 if "avx2" in flags else 2
    return mhz / 1000 * 2 * 2 * lanes, f"{mhz:.0f} MHz x 2 FMA x 2 x {lanes} doubles"


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="terrapy-matmul-"))
    naive = work / "naive"
    subprocess.run(["gcc", "-O3", "-march=native", "-o", str(naive), str(HERE / "matmul" / "naive.c")],
                   check=True)
    blas_env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    blas_env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    terra_env = dict(os.environ, PYTHONPATH=str(ROOT))
    sizes = [str(n) for n in SIZES]
    runs = {"terra (autotuned)": [], "numpy/OpenBLAS 1 thread": [], "naive C gcc -O3": []}
    config = ""
    for _ in range(ROUNDS):
        out = subprocess.run([sys.executable, "-m", "terrapy", str(HERE / "matmul" / "autotune.t"), *sizes],
                             env=terra_env, check=True, capture_output=True, text=True).stdout
        runs["terra (autotuned)"].append(gflops(out))
        config = "NB={} RM={} RN={} V={}".format(*out.split("\n")[0].split()[2:6])
        runs["numpy/OpenBLAS 1 thread"].append(gflops(subprocess.run(
            [sys.executable, "-c", NUMPY, *sizes], env=blas_env, check=True,
            capture_output=True, text=True).stdout))
        runs["naive C gcc -O3"].append(gflops("\n".join(
            subprocess.run([str(naive), s], check=True, capture_output=True, text=True).stdout
            for s in sizes)))
    peak, how = peak_gflops()
    medians = {name: {n: statistics.median(r[n] for r in rounds) for n in SIZES}
               for name, rounds in runs.items()}
    blas = medians["numpy/OpenBLAS 1 thread"]
    print(f"double-precision matrix multiply, GFLOPS (median of {ROUNDS} interleaved rounds); "
          f"peak {peak:.1f} GFLOPS ({how}); terra chose {config}")
    print(f"{'':28s}" + "".join(f"{'n=' + str(n):>22s}" for n in SIZES))
    for name, by_size in medians.items():
        cells = "".join(f"{by_size[n]:8.1f} {by_size[n] / blas[n]:6.0%} {by_size[n] / peak:5.0%}"
                        for n in SIZES)
        print(f"{name:28s}{cells}")
    print(f"{'':28s}" + "".join(f"{'GFLOPS  xBLAS  peak':>22s}" for n in SIZES))


if __name__ == "__main__":
    main()
