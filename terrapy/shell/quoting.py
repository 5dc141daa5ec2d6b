"""POSIX shell quoting, for the one explicit path through /bin/sh (`shell`) and for messages.

`quote` returns text that /bin/sh reads back as exactly one word with the original bytes.
"""
from __future__ import annotations

import os
import re
import shlex

_UNSAFE_BYTES = re.compile(rb"[^\w@%+=:,./-]", re.ASCII)


def quote_one(word: str | bytes) -> str | bytes:
    if isinstance(word, str):
        return shlex.quote(word)
    if word and not _UNSAFE_BYTES.search(word):
        return word
    # Close the quote, emit a double-quoted ', reopen: the same scheme as shlex.quote.
    return b"'" + word.replace(b"'", b"'\"'\"'") + b"'"


def quote_words(items) -> str | bytes:
    """Quote each word of a flat list and join them with spaces; bytes in, bytes out."""
    if all(isinstance(item, str) for item in items):
        return " ".join(quote_one(item) for item in items)
    return b" ".join(quote_one(os.fsencode(item)) for item in items)


def render(argv) -> str:
    """An argv as a readable, copy-pasteable command line (for messages and tostring)."""
    return " ".join(quote_one(os.fsdecode(word)) for word in argv)
