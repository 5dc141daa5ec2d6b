"""Source text -> Lua text for the Lua VM, with a disk cache.

Cheap paths first, so that start-up does not pay for the parser: a chunk with
no Terra token anywhere (not even in a comment) is plain Lua and runs as is;
a chunk translated before is read back from the cache. Only then is the Lark
parser imported. A chunk whose parse ran code (`import`) is never cached.
"""
from __future__ import annotations

import hashlib
import os
import pathlib
import pickle
import re

from ..cache import cache_dir

FORMAT_VERSION = 1
# Any of these anywhere in the text means the chunk may contain Terra syntax.
_TERRA_HINT = re.compile(
    rb"\b(?:terra|struct|union|quote|escape|var|defer|switch|case|import|emit)\b|[`@&]|->|<<|>>|::")


def chunk_key(source: bytes, chunkname: bytes) -> str:
    digest = hashlib.sha1(b"%d\0%s\0%s\0%s" % (FORMAT_VERSION, translator_stamp(), chunkname,
                                                 source))
    return digest.hexdigest()


_stamp: bytes | None = None


def translator_stamp() -> bytes:
    """Changes whenever the translator's code does, so a stale cache is never served."""
    global _stamp
    if _stamp is None:
        parser_dir = pathlib.Path(__file__).resolve().parent.parent / "parser"
        parts = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                 for p in sorted(parser_dir.iterdir()) if p.suffix in (".py", ".lark")]
        parts.append(str(pathlib.Path(__file__).stat().st_mtime_ns))
        _stamp = hashlib.sha1(";".join(parts).encode()).hexdigest().encode()
    return _stamp


def is_plain_lua(source: bytes) -> bool:
    return _TERRA_HINT.search(source) is None


class TranslationCache:
    def __init__(self):
        self.directory = None if os.environ.get("TERRAPY_NO_CACHE") else cache_dir("translations")

    def get(self, key: str):
        if self.directory is None:
            return None
        try:
            with open(self.directory / f"{key}.pickle", "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, translation) -> None:
        if self.directory is None or translation.ran_code:
            return
        temporary = self.directory / f"{key}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as handle:
                pickle.dump(translation, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.directory / f"{key}.pickle")
        except OSError:
            pass
