"""Every tests/programs/*.t runs under terrapy. A program checks itself (it
errors if a check fails); a program with a `.err` file beside it must fail,
and each line of the `.err` file must appear in its stderr."""
import pathlib

import pytest

from terrapy_testing import run_terrapy

PROGRAMS = sorted((pathlib.Path(__file__).parent / "programs").glob("*.t"))


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_program(program):
    expected = program.with_suffix(".err")
    result = run_terrapy(program.name, cwd=program.parent)
    if expected.exists():
        assert result.returncode == 1, result.stdout + result.stderr
        for line in expected.read_text().splitlines():
            if line.strip():
                assert line in result.stderr, f"{line!r} not in:\n{result.stderr}"
    else:
        assert result.returncode == 0, result.stdout + result.stderr
