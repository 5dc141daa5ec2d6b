"""Syntax errors in LuaJIT's words (`'end' expected (to close 'while' at line 3)
near '<eof>'`, `unexpected symbol near 'x'`), from Lark's exceptions or from
the tree builder's context checks."""
from __future__ import annotations

import re

from ..errors import TerraSyntaxError
from ..source import Span

# Keyword tokens that open a construct, and the token that closes it.
BLOCK_OPENERS = {
    "FUNCTION": "END", "DO": "END", "WHILE": "END", "FOR": "END", "IF": "END",
    "REPEAT": "UNTIL", "TERRA": "END", "QUOTE": "END", "ESCAPE": "END", "SWITCH": "END",
}
BRACKET_OPENERS = {"LPAR": "RPAR", "LBRACE": "RBRACE"}

# Tokens that can only continue an expression; they never say what a
# construct is waiting for, so they are left out of "'x' expected".
CONTINUATIONS = {
    "ARROW", "CMPOP", "SHIFTOP", "CONCAT", "ADDOP", "MULOP", "POW", "AND", "OR",
    "LPAR", "LSQB", "DOT", "COLON", "STRING", "LONGSTRING", "LBRACE",
}
BLOCK_FOLLOW = {"END", "ELSE", "ELSEIF", "UNTIL", "$END", "CASE"}
# After `local`, `goto`, `.` ...: Lua says "'<name>' expected" even where a
# keyword (`local function`, a Terra `local terra`) or an escape could come.
NAME_LIKE = {"NAME", "LSQB", "FUNCTION", "TERRA", "STRUCT"}
SPELLING = {"$END": "<eof>", "NAME": "<name>"}

_TOKEN_AT = re.compile(
    r"""(\[=*\[|[A-Za-z_][A-Za-z0-9_]*|\.\.\.|\.\.|::|->|<<|>>|[=~<>]=|"[^"\n]*"?|'[^'\n]*'?"""
    r"""|(?:\.[0-9]|[0-9])(?:[0-9A-Za-z_.]|(?<=[eEpP])[+-])*|.)""", re.S)
_SKIP = re.compile(r"(?:\s+|--\[(=*)\[.*?\]\1\]|--[^\n]*)*", re.S)


def error_at(message: str, text: str, chunkname: str, pos: int, near: str | None = None,
             length: int = 1) -> TerraSyntaxError:
    """An error at character offset `pos` of `text`, `near` the token there."""
    line, column = line_column(text, pos)
    if near is None:
        near = token_text(text, pos)
        length = max(1, len(near))
    if near != "":
        message = f"{message} near '{near}'"
    span = Span(chunkname, line, column, line, column + length)
    return TerraSyntaxError(message, span)


def line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    return line, pos - start + 1


def token_text(text: str, pos: int) -> str:
    """The token starting at `pos` as LuaJIT would print it, `<eof>` at the end."""
    if pos >= len(text):
        return "<eof>"
    match = _TOKEN_AT.match(text, pos)
    return match.group(0) if match else text[pos]


def next_token_pos(text: str, pos: int) -> int:
    """Offset of the first token at or after `pos` (whitespace and comments skipped)."""
    return _SKIP.match(text, pos).end()


def from_lark_error(error, text: str, chunkname: str, state) -> TerraSyntaxError:
    from lark.exceptions import UnexpectedCharacters
    if isinstance(error, UnexpectedCharacters):
        return error_at("unexpected symbol", text, chunkname, error.pos_in_stream)
    token = error.token
    pos = len(text) if token.type == "$END" else token.start_pos
    expected = set(error.expected) if error.expected else set()
    message = expected_message(token, expected, state.value_stack, text)
    return error_at(message, text, chunkname, pos)


def expected_message(token, expected: set, value_stack, text: str) -> str:
    """Say what the parser waited for, the way LuaJIT's recursive descent would."""
    opener = innermost_opener(value_stack)
    if opener is not None:
        closer = BRACKET_OPENERS.get(opener.type) or BLOCK_OPENERS[opener.type]
        # LuaJIT asks for the closer only where nothing else could come: an
        # expression or statement could also start here if NAME is expected.
        nothing_else = "NAME" not in expected
        at_block_end = token.type in BLOCK_FOLLOW and opener.type in BLOCK_OPENERS
        if closer in expected and (nothing_else or at_block_end):
            return closing_message(closer, opener, token, text)
    structural = expected - CONTINUATIONS
    if opener is None:
        # LALR merges look-aheads: outside any block these cannot really come.
        structural -= BLOCK_FOLLOW - {"$END"}
    structural = sorted(structural)
    if len(structural) > 1 and "SEMICOLON" in structural:
        structural.remove("SEMICOLON")
    if "NAME" in structural and set(structural) <= NAME_LIKE:
        return "'<name>' expected"
    if len(structural) == 1:
        return f"'{spell(structural[0])}' expected"
    return "unexpected symbol"


def closing_message(closer: str, opener, token, text: str) -> str:
    token_line = text.count("\n", 0, token.start_pos) + 1 if token.type != "$END" \
        else text.count("\n") + 1
    if opener.line == token_line:
        return f"'{spell(closer)}' expected"
    return f"'{spell(closer)}' expected (to close '{opener.value}' at line {opener.line})"


def innermost_opener(value_stack):
    """The innermost construct still open: matched brackets are skipped, and the
    `do` of a `while`/`for` is reported as that loop, as LuaJIT does."""
    closed = {"LPAR": 0, "LBRACE": 0}
    found = None
    for value in reversed(value_stack):
        kind = getattr(value, "type", None)
        if kind == "RPAR":
            closed["LPAR"] += 1
        elif kind == "RBRACE":
            closed["LBRACE"] += 1
        elif kind in closed and closed[kind]:
            closed[kind] -= 1
        elif found is not None:
            # `found` is a `do`: it belongs to the loop right below it, if any.
            if kind in BLOCK_OPENERS:
                return value if kind in ("WHILE", "FOR") else found
        elif kind == "DO":
            found = value
        elif kind in BLOCK_OPENERS or kind in BRACKET_OPENERS:
            return value
    return found


_TERMINAL_TEXT = {
    "RPAR": ")", "LPAR": "(", "RBRACE": "}", "LBRACE": "{", "RSQB": "]", "LSQB": "[",
    "EQUAL": "=", "COMMA": ",", "SEMICOLON": ";", "COLON": ":", "DOT": ".",
}


def spell(terminal: str) -> str:
    if terminal in SPELLING:
        return SPELLING[terminal]
    if terminal in _TERMINAL_TEXT:
        return _TERMINAL_TEXT[terminal]
    from .grammar import parser
    for definition in parser().terminals:
        if definition.name == terminal:
            return definition.pattern.value
    return terminal.lower()


class Unfinished(Exception):
    """Raised by the lexer callback for UNFINISHED; the driver words it."""

    def __init__(self, token):
        super().__init__(token.value)
        self.token = token


def raise_unfinished(token):
    raise Unfinished(token)


def unfinished(token, text: str, chunkname: str) -> TerraSyntaxError:
    """A string or long bracket that never closes."""
    value = token.value
    if value.startswith("--"):
        message, near = "unfinished long comment", "<eof>"
    elif value.startswith("["):
        message, near = "unfinished long string", "<eof>"
    else:
        message, near = "unfinished string", value.split("\n", 1)[0]
    return error_at(message, text, chunkname, token.start_pos, near=near, length=len(near))
