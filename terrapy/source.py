"""Source positions: spans, chunk names as Lua displays them, and the texts
of loaded chunks (so that errors can quote the offending line)."""
from __future__ import annotations

LUA_IDSIZE = 60  # LuaJIT's limit on a displayed chunk name, terminator included


class Span:
    """Where a construct is: chunk name as given to Lua ("@file.t", "=stdin" or
    the source itself) and 1-based line/column of its start and end. A plain
    slotted class rather than a dataclass: it is imported at every start-up."""
    __slots__ = ("chunkname", "line", "column", "end_line", "end_column")

    def __init__(self, chunkname: str, line: int, column: int, end_line: int, end_column: int):
        self.chunkname, self.line, self.column = chunkname, line, column
        self.end_line, self.end_column = end_line, end_column

    def _key(self):
        return (self.chunkname, self.line, self.column, self.end_line, self.end_column)

    def __eq__(self, other):
        return isinstance(other, Span) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"Span({self.chunkname!r}, {self.line}, {self.column}, {self.end_line}, {self.end_column})"

    def __reduce__(self):
        return (Span, self._key())

    @property
    def where(self) -> str:
        """`file:line` as Lua prints it."""
        return f"{display_name(self.chunkname)}:{self.line}"


def display_name(chunkname: str) -> str:
    """The chunk name as LuaJIT shows it in messages (lj_debug_shortname)."""
    if chunkname.startswith("="):
        return chunkname[1:LUA_IDSIZE]
    if chunkname.startswith("@"):
        name = chunkname[1:]
        if len(name) >= LUA_IDSIZE:
            return "..." + name[len(name) - (LUA_IDSIZE - 4):]
        return name
    length = 0
    while length < LUA_IDSIZE - 12 and length < len(chunkname) and chunkname[length] >= " ":
        length += 1
    if length < len(chunkname):
        length = min(length, LUA_IDSIZE - 15)
        return f'[string "{chunkname[:length]}..."]'
    return f'[string "{chunkname}"]'


_texts: dict[str, str] = {}


def remember(chunkname: str, text: str) -> None:
    """Keep a chunk's text so that a later error can quote its lines."""
    _texts[chunkname] = text


def source_line(chunkname: str, line: int) -> str | None:
    text = _texts.get(chunkname)
    if text is None and chunkname.startswith("@"):
        try:
            with open(chunkname[1:], encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            return None
        _texts[chunkname] = text
    if text is None:
        return None
    lines = text.split("\n")
    if 1 <= line <= len(lines):
        return lines[line - 1].rstrip("\r")
    return None
