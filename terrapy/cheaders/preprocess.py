"""Run the system C preprocessor on a header name or on C source text.

Takes: a header (`stdio.h`, `<stdio.h>`, `"my.h"`) or C code, an include path
list and extra compiler flags. Gives: the preprocessed text (line markers
kept, so later passes can name the header and line) and every file it read
(from `-MD -MF`, for cache keys). Failures raise CHeaderError.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field


class CHeaderError(Exception):
    """A header could not be preprocessed or parsed: names the header, the line and gcc's message."""

    def __init__(self, header: str, message: str, line: int | None = None, file: str | None = None):
        self.header, self.message, self.line, self.file = header, message, line, file
        where = f"{file or header}:{line}: " if line else ""
        super().__init__(f"includec: error in {header}: {where}{message}")


@dataclass
class Preprocessed:
    header: str                 # what the caller named (header or "<string>")
    text: str                   # preprocessed C, with `# N "file"` markers
    dependencies: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)


def compiler() -> list[str]:
    return shlex.split(os.environ.get("CC") or "gcc")


def include_line(header: str) -> str:
    """`stdio.h` -> `#include <stdio.h>`; quoted or bracketed names are used as written."""
    header = header.strip()
    if header.startswith(("<", '"')):
        return f"#include {header}\n"
    return f"#include <{header}>\n"


def default_flags() -> list[str]:
    return ["-U_FORTIFY_SOURCE"]


_DIAG = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:\d+:)?\s*(?:fatal )?error:\s*(?P<msg>.*)$", re.M)


def preprocess(header_or_code: str, is_code: bool, include_path=(), flags=()) -> Preprocessed:
    """`gcc -E` on `#include <header>` (or on the code itself when is_code)."""
    name = "<string>" if is_code else header_or_code
    source = header_or_code if is_code else include_line(header_or_code)
    if is_code and not source.endswith("\n"):
        source += "\n"
    with tempfile.TemporaryDirectory(prefix="terrapy-cpp-") as tmp:
        src = os.path.join(tmp, "input.c")
        dep = os.path.join(tmp, "input.d")
        with open(src, "w") as f:
            f.write(source)
        cmd = compiler() + ["-E"] + default_flags()
        cmd += [f"-I{p}" for p in include_path if p]
        # includecstring code may say `#include "x.h"` relative to the caller's directory
        cmd += ["-iquote", os.getcwd()]
        cmd += list(flags) + ["-MD", "-MF", dep, src]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        except OSError as e:
            raise CHeaderError(name, f"cannot run the C preprocessor {cmd[0]!r}: {e}") from None
        if proc.returncode != 0:
            raise _error(name, proc.stderr, src)
        deps = _read_deps(dep, src)
    text = proc.stdout.replace(src, name if is_code else "<includec>")
    return Preprocessed(name, text, deps, cmd)


def _error(name: str, stderr: str, src: str) -> CHeaderError:
    m = _DIAG.search(stderr)
    if not m:
        return CHeaderError(name, stderr.strip() or "the preprocessor failed")
    file = m.group("file")
    if file == src:
        file = name
    return CHeaderError(name, m.group("msg").strip(), int(m.group("line")), file)


def _read_deps(path: str, src: str) -> list[str]:
    """The files a `-MD` dependency file names, the input itself left out."""
    from .cache import parse_depfile
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return []
    return [os.path.normpath(d) for d in parse_depfile(text) if d != src]