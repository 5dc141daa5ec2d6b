"""Every tests/programs/*.t runs under terrapy. A program checks itself (it
errors if a check fails); a program with a `.err` file beside it must fail,
and each line of the `.err` file must appear in its stderr. A first line
`-- needs: <debian package>` skips the program while that package is missing."""
import pathlib
import re

import pytest

from terrapy_testing import require_package, run_terrapy

PROGRAMS = sorted((pathlib.Path(__file__).parent / "programs").glob("*.t"))


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_program(program):
    needs = re.match(r"-- needs: (\S+)", program.read_text())
    if needs:
        require_package(needs.group(1))
    expected = program.with_suffix(".err")
    result = run_terrapy(program.name, cwd=program.parent)
    if expected.exists():
        assert result.returncode == 1, result.stdout + result.stderr
        for line in expected.read_text().splitlines():
            if line.strip():
                assert line in result.stderr, f"{line!r} not in:\n{result.stderr}"
    else:
        assert result.returncode == 0, result.stdout + result.stderr
