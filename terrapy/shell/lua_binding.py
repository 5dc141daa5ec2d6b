"""`require "shell"` for a lupa LuaJIT runtime: install(lua) registers package.preload["shell"].

The Lua side (shell.lua) builds arguments and options by Lua's rules and calls the helpers below, one
crossing per command. Every helper returns (True, results...) or (False, error): a Lua table for a
failed command, a message for a wrong call, so shell.lua raises them with Lua's `error` and no Python
exception ever reaches a script. Strings arrive as RawBytes (see shell.lua) and leave as bytes, so
binary data and non-UTF-8 names survive whatever encoding the runtime was created with.
"""
from __future__ import annotations

import ctypes
import functools
import os
import signal
import traceback
from pathlib import Path

from .command import Runnable
from .errors import CommandError, ShellUsageError
from .namespace import Program, Shell
from .options import NAMES
from .quoting import quote_words

SOURCE = Path(__file__).with_name("shell.lua")

# Loads shell.lua as a chunk whose file name shows in tracebacks, passing it the helpers table.
_LOADER = b"""
local source, chunkname, native = ...
package.preload["shell"] = function()
  return assert(loadstring(source, chunkname))(native)
end
"""


def install(lua) -> None:
    """Make `require "shell"` return the shell module in this LuaRuntime."""
    native = _Native(lua)
    helpers = {name.encode(): getattr(native, name) for name in _Native.EXPORTED}
    helpers[b"default_shell"] = Shell()
    chunkname = b"@" + os.fsencode(SOURCE)
    lua.execute(_LOADER, SOURCE.read_bytes(), chunkname, lua.table_from(helpers))


class RawBytes:
    """A Lua string's bytes, copied out of LuaJIT's memory (shell.lua passes address and length)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


class LuaValue:
    """A Lua value that no option accepts (a function, a plain table...), named in the error."""

    def __init__(self, kind: str):
        self.shell_description = f"a Lua {kind}"


def _guarded(helper):
    @functools.wraps(helper)
    def call(self, *args):
        try:
            return True, helper(self, *args)
        except CommandError as error:
            return False, self.error_table(error)
        except ShellUsageError as error:
            return False, str(error).encode()
        except KeyboardInterrupt:
            return False, self.interrupted_table()
        except Exception:   # a bug here must say so, not pose as a Lua error of the script
            return False, ("terrapy internal error in the shell layer (please report it):\n"
                           + traceback.format_exc()).encode()
    return call


class _Native:
    """The helpers shell.lua calls, bound to one LuaRuntime (to build result and error tables)."""

    EXPORTED = ("raw", "option_names", "program", "command", "call", "bake", "pipe", "run", "ok",
                "lines", "next_line", "fg", "with_", "glob", "quote", "shell", "describe")

    def __init__(self, lua):
        self.lua = lua
        lua_type = lua.eval(b"type")
        # Lua strings reach Python as str or bytes depending on the runtime's encoding.
        self.lua_type = lambda value: os.fsdecode(lua_type(value))

    # -- conversions -------------------------------------------------------------------------------

    @staticmethod
    def raw(address: int, length: int) -> RawBytes:
        return RawBytes(ctypes.string_at(address, length))

    def option_names(self):
        return self.lua.table_from([name.encode() for name in NAMES])

    def words(self, packed: RawBytes, count: int) -> list[bytes]:
        return packed.data.split(b"\0") if count else []

    def value(self, value):
        if isinstance(value, RawBytes):
            return value.data
        if value is None or isinstance(value, (bool, int, float, Runnable, Program, Shell)):
            return value
        return LuaValue(self.lua_type(value))

    def options(self, table) -> dict:
        if table is None:
            return {}
        return {os.fsdecode(name): self.env(value) if name in ("env", b"env") else self.value(value)
                for name, value in table.items()}

    def env(self, flat):
        if self.lua_type(flat) != "table":
            return self.value(flat)
        items = [self.value(item) for item in flat.values()]
        return dict(zip(items[0::2], items[1::2]))

    def result_table(self, result):
        return self.lua.table_from({
            b"ok": result.ok, b"code": result.code, b"signal": result.signal, b"stdout": result.stdout,
            b"stderr": result.stderr, b"codes": self.lua.table_from(result.codes),
            b"seconds": result.seconds, b"timed_out": result.timed_out})

    def error_table(self, error: CommandError):
        argv = [os.fsencode(word) for word in error.argv]
        return self.lua.table_from({
            b"argv": self.lua.table_from(argv), b"code": error.code, b"signal": error.signal,
            b"stderr": error.stderr, b"stdout": error.stdout,
            b"codes": self.lua.table_from(error.codes), b"timed_out": error.timed_out,
            b"path": getattr(error, "path", None),
            b"message": str(error).encode("utf-8", "surrogateescape")})

    def interrupted_table(self):
        return self.lua.table_from({
            b"argv": self.lua.table_from([]), b"code": 128 + signal.SIGINT, b"signal": signal.SIGINT,
            b"stderr": b"", b"interrupted": True, b"message": b"interrupted"})

    # -- the helpers -------------------------------------------------------------------------------

    @_guarded
    def program(self, shell: Shell, name: RawBytes):
        return shell.program(name.data)

    @_guarded
    def command(self, shell: Shell, name: RawBytes):
        return shell.command(name.data)

    @_guarded
    def call(self, program: Program, packed, count, options):
        return program(*self.words(packed, count), **self.options(options))

    @_guarded
    def bake(self, target, packed, count, options):
        return target.bake(*self.words(packed, count), **self.options(options))

    @_guarded
    def pipe(self, first: Runnable, *others):
        return first.pipe(*(self.value(other) for other in others))

    @_guarded
    def run(self, runnable: Runnable, options):
        return self.result_table(runnable.run(**self.options(options)))

    @_guarded
    def ok(self, runnable: Runnable, options):
        return runnable.ok(**self.options(options))

    @_guarded
    def lines(self, runnable: Runnable, options):
        return runnable.lines(**self.options(options))

    @_guarded
    def next_line(self, stream):
        return next(stream, None)

    @_guarded
    def fg(self, runnable: Runnable, options):
        return self.result_table(runnable.fg(**self.options(options)))

    @_guarded
    def with_(self, shell: Shell, options):
        return shell.with_(**self.options(options))

    @_guarded
    def glob(self, shell: Shell, pattern):
        return self.lua.table_from(shell.glob(self.value(pattern)))

    @_guarded
    def quote(self, packed, count):
        return quote_words(self.words(packed, count))

    @_guarded
    def shell(self, shell: Shell, script, options):
        return shell.shell(self.value(script), **self.options(options))

    @_guarded
    def describe(self, target):
        return str(target).encode("utf-8", "surrogateescape")
