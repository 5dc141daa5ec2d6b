"""Every program in examples/ runs to completion under terrapy (each checks
its own results with assert)."""
import pathlib

import pytest

from terrapy_testing import require_package, run_terrapy

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
# the Debian packages whose headers or libraries an example needs
NEEDS = {"zlib_roundtrip.t": "zlib1g-dev", "sqlite_rows.t": "libsqlite3-dev",
         "largest_files.t": "gzip", "lua_module_in_terra.t": "libluajit-5.1-dev"}


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.t")), ids=lambda p: p.name)
def test_example(example, tmp_path):
    if example.name in NEEDS:
        require_package(NEEDS[example.name])
    args = [str(example)]
    if example.name == "largest_files.t":
        args.append(str(EXAMPLES))
    result = run_terrapy(*args, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip(), "an example should say what it did"
