"""A small interactive loop (the full REPL is its own issue): read a statement,
continuing over lines while it is incomplete, run it, print what it returns,
report errors and keep going with the state intact."""
from __future__ import annotations

import sys

def loop(runtime) -> None:
    from .runtime.state import LuaError
    interactive = sys.stdin.isatty()
    printer = runtime.lua.eval(b"function(...) if select('#', ...) > 0 then print(...) end end")
    while True:
        source = read_statement(runtime, interactive)
        if source is None:
            break
        try:
            function = compile_statement(runtime, source)
            if function is None:
                continue
            results = runtime.call(function)
            printer(*results)
        except LuaError as error:
            from .cli import report
            report(error)
    if interactive:
        sys.stdout.write("\n")


def read_statement(runtime, interactive: bool) -> str | None:
    lines: list[str] = []
    while True:
        prompt = ">> " if lines else "> "
        if interactive:
            try:
                line = input(prompt)
            except EOFError:
                return None if not lines else "\n".join(lines)
        else:
            line = sys.stdin.readline()
            if not line:
                return None if not lines else "\n".join(lines)
            line = line.rstrip("\n")
        if not lines and line.startswith("="):
            line = "return " + line[1:]
        lines.append(line)
        source = "\n".join(lines)
        if not is_incomplete(runtime, source):
            return source


def is_incomplete(runtime, source: str) -> bool:
    """A chunk whose only fault is ending too early: keep reading."""
    from .runtime.state import LuaError
    try:
        compile_statement(runtime, source)
    except LuaError as error:
        return error.message.endswith("near '<eof>'") or "unfinished long" in error.message
    return False


def compile_statement(runtime, source: str):
    """An expression is tried as `return expr` first, so that its value is printed."""
    from .runtime.state import LuaError
    data = source.encode("utf-8", "surrogateescape")
    try:
        return runtime.load_string(b"return " + data, b"=stdin")
    except LuaError:
        pass
    return runtime.load_string(data, b"=stdin")
