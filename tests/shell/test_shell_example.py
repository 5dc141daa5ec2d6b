"""examples/largest_files.t, run by `terrapy` and under a plain lupa runtime with `require "shell"`
installed, on a tree whose largest files are known; and the packaging that ships shell.lua."""
import gzip
import os
import random
import re
import shutil
import tomllib

import pytest

from shell_helpers import ROOT, python_process

_RUN_EXAMPLE = """
import sys
from lupa import luajit21
from terrapy.shell.lua_binding import install
lua = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=None)
install(lua)
lua.globals()[b"arg"] = lua.table_from([word.encode() for word in sys.argv[2:]])
load = lua.eval(b"function(source, name) return assert(loadstring(source, name)) end")
load(open(sys.argv[1], "rb").read(), b"@largest_files.t")()
"""
EXAMPLE = str(ROOT / "examples" / "largest_files.t")
RUNNERS = {"terrapy": ("-m", "terrapy", EXAMPLE), "lupa": ("-c", _RUN_EXAMPLE, EXAMPLE)}


def _tree(root):
    files = {
        "big.log": b"line of very repetitive text\n" * 8000,     # 232 KB, compresses well
        "sub dir/-noise; $(x)\n.bin": random.Random(6).randbytes(120_000),  # incompressible
        "medium.txt": b"abc" * 20_000,
        "small.txt": b"tiny",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


@pytest.mark.parametrize("runner", RUNNERS)
def test_largest_files_reports_and_compresses_the_top_files(tmp_path, runner):
    files = _tree(tmp_path / "tree")
    child = python_process(*RUNNERS[runner], str(tmp_path / "tree"), "3")
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()
    lines = out.decode().splitlines()
    copies = re.fullmatch(r"compressed copies in (.+)", lines[-1]).group(1)
    try:
        assert lines[0].split() == ["size", "gzipped", "ratio", "file"]
        rows = lines[1:-2]      # one per file; the record of the odd name spans two lines
        assert rows[0].endswith("tree/big.log") and "-noise; $(x)" in rows[1]
        assert rows[-1].endswith("tree/medium.txt") and not any("small" in row for row in rows)
        assert float(rows[0].split()[4].rstrip("x")) > 50
        assert float(rows[1].split()[4].rstrip("x")) < 1.01
        assert lines[-2].startswith("total: ")
        copied = sorted(os.listdir(copies))
        assert copied == ["01-big.log.gz", "02--noise; $(x)\n.bin.gz", "03-medium.txt.gz"]
        originals = [files["big.log"], files["sub dir/-noise; $(x)\n.bin"], files["medium.txt"]]
        for name, original in zip(copied, originals):
            assert gzip.decompress((tmp_path / copies / name).read_bytes()) == original
    finally:
        shutil.rmtree(copies)


@pytest.mark.parametrize("runner", RUNNERS)
def test_largest_files_refuses_a_missing_directory(tmp_path, runner):
    child = python_process(*RUNNERS[runner], str(tmp_path / "missing"))
    out, err = child.communicate(timeout=60)
    assert child.returncode == 2 and b"not a directory" in err


def test_shell_lua_is_shipped_as_package_data():
    # `pip install .` copies only the data files pyproject lists; without this the installed
    # `require "shell"` has no Lua half.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "shell/*.lua" in config["tool"]["setuptools"]["package-data"]["terrapy"]
