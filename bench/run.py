"""Run every benchmark: `python bench/run.py` (extra dependencies: the `bench` extra)."""
import pathlib
import runpy
import sys

HERE = pathlib.Path(__file__).resolve().parent
BENCHMARKS = ["startup.py", "compile_bench.py", "cheaders_bench.py", "kernels.py", "matmul_bench.py", "shell_bench.py"]

for name in BENCHMARKS:
    path = HERE / name
    if path.exists():
        print(f"== {name}")
        sys.argv = [str(path)]
        runpy.run_path(str(path), run_name="__main__")
