"""Python values -> argv words: strings and bytes stay as they are, numbers become text, lists flatten.

Words are never split or interpreted: a filename with spaces, `;` or a leading `-` is one word.
"""
from __future__ import annotations

import os

from .errors import ShellUsageError
from .options import describe


def flatten(values) -> list[str | bytes]:
    words: list[str | bytes] = []
    for position, value in enumerate(values, 1):
        _add(words, value, position)
    return words


def _add(words: list, value, position: int) -> None:
    if isinstance(value, (list, tuple)):
        for item in value:
            _add(words, item, position)
    elif isinstance(value, (str, bytes, os.PathLike)):
        words.append(_checked(os.fspath(value), position))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        words.append(str(value))
    else:
        raise ShellUsageError(
            f"argument {position} is {describe(value)}; arguments are strings, bytes, numbers, "
            "paths or lists of them")


def _checked(word: str | bytes, position: int) -> str | bytes:
    # The kernel ends every argv string at its first NUL: refuse rather than silently truncate.
    if ("\0" if isinstance(word, str) else b"\0") in word:
        raise ShellUsageError(f"argument {position} contains a NUL byte")
    return word
