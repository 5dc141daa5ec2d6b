"""The Lark LALR parser for Lua + Terra, driven token by token.

`parse(text, chunkname)` gives a Lark tree with positions. The driver feeds
the contextual lexer's tokens to the LALR parser itself (rather than calling
`Lark.parse`) so that it can retype contextual keywords (`emit` inside an
`escape` block) and, for language extensions, hand the token stream to Lua
code and take it back.
"""
from __future__ import annotations

import functools
import pathlib

GRAMMAR_FILE = pathlib.Path(__file__).with_name("terra.lark")


@functools.lru_cache(maxsize=1)
def parser():
    from lark import Lark
    from ..cache import cache_dir
    text = GRAMMAR_FILE.read_text()
    import hashlib
    import lark
    digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
    cache_file = cache_dir() / f"grammar-{digest}.lark-cache"
    from .syntax_errors import raise_unfinished
    return Lark(text, parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=False, cache=str(cache_file),
                lexer_callbacks={"UNFINISHED": raise_unfinished})


def parse(text: str, chunkname: str):
    """Parse a chunk; raise TerraSyntaxError (in LuaJIT's wording) on bad input."""
    from lark import Token
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken
    from .syntax_errors import Unfinished, from_lark_error, unfinished
    text = blank_shebang(text)
    interactive = parser().parse_interactive(text)
    state = interactive.parser_state
    states = state.parse_conf.states
    keywords = keyword_terminals()
    last = None
    try:
        for token in interactive.lexer_thread.lex(state):
            if token.value == "goto" and token.type in ("NAME", "GOTO"):
                token.type = goto_type(token, text, states[state.position], keywords)
            elif token.type == "NAME":
                # The contextual lexer only tries the terminals the state accepts,
                # so a misplaced keyword arrives as a NAME: reserved words stay reserved.
                if token.value in keywords:
                    token.type = keywords[token.value]
                elif token.value == "emit" and "EMIT" in states[state.position] \
                        and inside_escape(state.value_stack):
                    token.type = "EMIT"
            if token.type == "LSQB" and last is not None and token.line > last.end_line \
                    and "SEMICOLON" in states[state.position] and in_terra_code(state.value_stack):
                # Terra: a `[` that starts a line after a complete statement begins a
                # statement escape, not an index of the line before
                state.feed_token(Token.new_borrow_pos("SEMICOLON", ";", token))
            state.feed_token(token)
            last = token
        return interactive.feed_eof(last)
    except (UnexpectedToken, UnexpectedCharacters) as error:
        raise from_lark_error(error, text, chunkname, state) from None
    except Unfinished as error:
        raise unfinished(error.token, text, chunkname) from None


def goto_type(token, text: str, accepted, keywords) -> str:
    """LuaJIT reads `goto` as a keyword only where a statement starts and a name
    (or, in terra code, an escape) follows; elsewhere it is an ordinary name."""
    import re
    from .syntax_errors import next_token_pos
    if "GOTO" not in accepted:
        return "NAME" if "NAME" in accepted else "GOTO"
    if "VAR" in accepted:      # a terra statement: Terra reserves `goto`
        return "GOTO"
    following = re.match(r"[A-Za-z_][A-Za-z0-9_]*|\[", text[next_token_pos(text, token.end_pos):])
    if following and following.group(0) not in keywords:
        return "GOTO"
    return "NAME" if "NAME" in accepted else "GOTO"


@functools.lru_cache(maxsize=1)
def keyword_terminals() -> dict[str, str]:
    """Reserved word -> terminal name, for every keyword of the grammar."""
    import re
    words = {}
    for terminal in parser().terminals:
        value = terminal.pattern.value
        if terminal.pattern.type == "str" and re.fullmatch(r"[a-z]+", value):
            words[value] = terminal.name
    return words


def in_terra_code(value_stack) -> bool:
    """Whether the innermost open construct is terra code (a terra function or a
    quote) rather than Lua (an escape, a Lua function)."""
    closed_brackets = 0
    for value in reversed(value_stack):
        kind = getattr(value, "type", None)
        if kind == "RSQB":
            closed_brackets += 1
        elif kind == "LSQB":
            if closed_brackets:
                closed_brackets -= 1
            else:
                return False         # inside an escape [e]
        elif kind in ("TERRA", "QUOTE"):
            return True
        elif kind in ("ESCAPE", "FUNCTION"):
            return False
    return False


def inside_escape(value_stack) -> bool:
    """An `escape` keyword still on the stack means an unclosed escape block."""
    for value in reversed(value_stack):
        if getattr(value, "type", None) == "ESCAPE":
            return True
    return False


def blank_shebang(text: str) -> str:
    """A first line starting with '#' is skipped, as lua/luajit do (lines keep their numbers)."""
    if text.startswith("#"):
        newline = text.find("\n")
        return "" if newline < 0 else " " * newline + text[newline:]
    return text
