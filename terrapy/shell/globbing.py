"""Filename patterns, expanded only when a script asks (`sh.glob`): arguments are never globbed.

`*`, `?` and `[...]` match as in the shell, `**` matches any depth of directories, and names that
start with a dot match only a pattern that starts with one. Matches come back sorted, as a list that
flattens into argv; a pattern that matches nothing gives an empty list.
"""
from __future__ import annotations

import glob as globlib
import os

from .errors import ShellUsageError
from .options import describe


def glob(pattern, cwd=None) -> list:
    """Matches of pattern; a relative one is matched in cwd and given relative to it, as a command
    running there (sh.with{cwd = ...}) sees them. Bytes in, bytes out."""
    if not isinstance(pattern, (str, bytes, os.PathLike)):
        raise ShellUsageError(f"glob: expected a pattern string, got {describe(pattern)}")
    pattern = os.fspath(pattern)
    if cwd is not None:
        cwd = os.fsencode(cwd) if isinstance(pattern, bytes) else os.fsdecode(cwd)
    return sorted(globlib.glob(pattern, root_dir=cwd, recursive=True))
