"""A terrapy runtime: one LuaJIT state (through lupa) with terralib installed.

This package is the only one that imports lupa. Python functions reach Lua
through the `py` bridge table given to terralib/*.lua; they return
`(ERROR, message)` for user errors so that Lua raises them at the caller's
level with a plain string, as Terra's own errors are.
"""
from __future__ import annotations

import os
import pathlib
import re
import sys
import time

from .. import __version__
from .. import types
from ..errors import TerraError, TerraSyntaxError
from ..source import remember
from .loading import TranslationCache, chunk_key, is_plain_lua

PACKAGE = pathlib.Path(__file__).resolve().parent.parent
TERRAHOME = PACKAGE / "home"
# terralib's Lua half (runtime/terralib/*.lua), in the order it is run; its
# chunks are named "@terralib/<file>.lua", and their frames are internal.
TERRALIB = PACKAGE / "runtime" / "terralib"
TERRALIB_FILES = ("base", "types", "trees", "functions", "globals", "staging", "luaapi",
                  "loading", "internals", "ffivalues", "targets", "cheaders")
INTERNAL_FRAME = re.compile(r"(?<![\w/.-])terralib/\w+\.lua:")


class Runtime:
    def __init__(self, verbose: int = 0, debug: int = 0):
        from lupa import luajit21
        self.lua = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=None,
                                       register_eval=False)
        self.error_marker = self.lua.table()
        self.translations: dict[str, object] = {}
        self.syntax_errors: dict[bytes, TerraSyntaxError] = {}
        # user errors raised into Lua, by message: an uncaught one is rendered
        # with columns and carets by the command line
        self.rendered_errors: dict[bytes, TerraError] = {}
        self.cache = TranslationCache()
        self._compiled_lua: dict[int, object] = {}
        self.handles: dict[int, object] = {}
        self._next_handle = 0
        self.kept: list = []
        self._luaapi = None
        self._protectedcall = None
        os.environ.setdefault("TERRAPY_PYTHON", sys.executable)
        self._install(verbose, debug)

    # --------------------------------------------------------------- set-up
    def _install(self, verbose: int, debug: int):
        from .typeobjects import TypeObjects
        lua = self.lua
        bridge = lua.table_from({
            b"version": __version__.encode(),
            b"terrahome": str(TERRAHOME).encode(),
            b"verbose": verbose,
            b"debug": debug,
            b"error_marker": self.error_marker,
            b"translate": self.guard(self.translate_for_lua),
            b"diagnose": self.diagnose,
            b"now": time.time,
        })
        # Types must exist before types.lua puts them in _G, so the bridge gets
        # its type functions once the type metatable exists (inside types.lua,
        # via `py.init_types`).
        self.typeobjects = None

        def init_types():
            self.typeobjects = TypeObjects(lua)
            self._install_types(bridge)
        bridge[b"init_types"] = init_types
        # terralib's Lua half: one chunk per file, run in order, each with the
        # bridge and a private table through which they share their locals
        loadstring, shared = lua.eval(b"loadstring"), lua.table()
        for name in TERRALIB_FILES:
            chunk = loadstring((TERRALIB / f"{name}.lua").read_bytes(),
                               b"@terralib/" + name.encode() + b".lua")
            if isinstance(chunk, tuple):        # (nil, message): a syntax error
                raise RuntimeError(f"cannot load terralib/{name}.lua: {chunk[1]!r}")
            chunk(bridge, shared)
        self._definitions = self._resolver = self._compiler = self._cimporter = None
        for name in (b"define", b"anonfunction", b"anonstruct", b"quote", b"functiontype",
                     b"compile"):
            bridge[name] = self.guard(self._definition_entry(name.decode()))
        from . import functionapi
        functionapi.install(self, bridge)
        bridge[b"install_shell"] = self.install_shell

    @property
    def resolver(self):
        if self._resolver is None:
            from .resolver import Resolver
            self._resolver = Resolver(self)
        return self._resolver

    @property
    def compiler(self):
        if self._compiler is None:
            from ..compiler import Compiler
            self._compiler = Compiler(self.resolver)
        return self._compiler

    @property
    def definitions(self):
        """Made on first use: a script without terra code never imports the trees."""
        if self._definitions is None:
            from .definitions import Definitions
            self._definitions = Definitions(self)
        return self._definitions

    def _definition_entry(self, name: str):
        method = {"functiontype": "function_type"}.get(name, name)
        return lambda *args: getattr(self.definitions, method)(*args)

    def install_shell(self):
        from ..shell import lua_binding
        lua_binding.install(self.lua)

    def _install_types(self, bridge):
        objects = self.typeobjects
        wrap = objects.proxy
        unwrap = objects.unwrap
        primitives = {name.encode(): wrap(t) for name, t in types.PRIMITIVES.items()}
        for alias, target in types.ALIASES.items():
            primitives[alias.encode()] = primitives[target.encode()]
        primitives[b"rawstring"] = wrap(types.pointer(types.PRIMITIVES["int8"]))
        bridge[b"primitives"] = self.lua.table_from(primitives)
        bridge[b"unit"] = wrap(types.UNIT)
        bridge[b"opaque"] = wrap(types.OPAQUE)
        bridge[b"niltype"] = wrap(types.NIL)
        bridge[b"errortype"] = wrap(types.Struct("error"))
        bridge[b"pointer"] = self.guard(lambda t, a: wrap(types.pointer(unwrap(t), int(a))))
        bridge[b"array"] = self.guard(lambda t, n: wrap(types.array(unwrap(t), n)))
        bridge[b"vector"] = self.guard(lambda t, n: wrap(types.vector(unwrap(t), n)))
        bridge[b"tuple"] = self.guard(lambda *ts: wrap(types.tuple_of(*(unwrap(t) for t in ts))))
        bridge[b"newstruct"] = self.guard(lambda name: wrap(types.Struct(name.decode())))

        def function_type(params, rets, varargs, pointer):
            made = types.funcpointer(objects.type_list(params), objects.type_list(rets), varargs)
            return wrap(made if pointer else made.type)
        bridge[b"funcpointer"] = self.guard(lambda p, r, v: function_type(p, r, v, True))
        bridge[b"functype"] = self.guard(lambda p, r, v: function_type(p, r, v, False))

    def guard(self, function):
        """Wrap a bridge function: user errors become (ERROR, message)."""
        marker = self.error_marker

        def call(*args):
            try:
                return function(*args)
            except TerraError as error:
                message = error.lua_message().encode("utf-8", "surrogateescape")
                self.rendered_errors[message] = error
                return marker, message
            except types.TypeError_ as error:
                return marker, str(error).encode()
            except Exception as error:    # a bug in terrapy: say so, with where
                import traceback
                where = "".join(traceback.format_exception(error)[-4:])
                return marker, (f"internal error in terrapy (this is a bug, please report "
                                f"it): {error!r}\n{where}").encode("utf-8", "replace")
        return call

    # ---------------------------------------------------------- translation
    def translate_for_lua(self, source: bytes, chunkname: bytes):
        """Lua text for a chunk, or (nil, message) on a syntax error."""
        try:
            return self.translate(source, chunkname)
        except TerraSyntaxError as error:
            message = error.lua_message().encode("utf-8", "surrogateescape")
            self.syntax_errors[message] = error
            return None, message

    def diagnose(self, source: bytes, chunkname: bytes, message: bytes) -> None:
        """LuaJIT rejected a chunk: find the column of its complaint with our parser,
        so the command line can show a caret. LuaJIT's wording is kept."""
        from ..parser.grammar import parse
        from ..source import Span
        text = source.decode("utf-8", "surrogateescape")
        name = chunkname.decode("utf-8", "surrogateescape")
        remember(name, text)
        lua_message = message.decode("utf-8", "surrogateescape")
        try:
            parse(text, name)
            span = None
        except TerraSyntaxError as ours:
            span = ours.span
        where, _, wording = lua_message.partition(": ")
        line = int(where.rsplit(":", 1)[1]) if where.rsplit(":", 1)[-1].isdigit() else None
        if line is None:
            return
        if span is None or span.line != line:
            span = Span(name, line, 1, line, 1)
        self.syntax_errors[message] = TerraSyntaxError(wording, span)

    def translate(self, source: bytes, chunkname: bytes) -> bytes:
        if is_plain_lua(source):
            return source
        key = chunk_key(source, chunkname)
        translation = self.translations.get(key) or self.cache.get(key)
        if translation is None:
            from ..parser.translate import translate
            text = source.decode("utf-8", "surrogateescape")
            name = chunkname.decode("utf-8", "surrogateescape")
            remember(name, text)
            translation = translate(text, name, key, importer=self.import_language)
            self.cache.put(key, translation)
        self.translations[key] = translation
        return translation.lua.encode("utf-8", "surrogateescape")

    def import_language(self, name: str) -> None:
        """`import "name"` at parse time: the module is required now, as in Terra."""
        self.lua.eval(b"require")(name.encode())

    def handle(self, value) -> int:
        """A number standing for a Python object inside a Lua quote (see
        quote_object). The quote's finalizer lists the number as dead in
        `terralib._deadhandles`; they are dropped here, a batch at a time."""
        self._next_handle += 1
        if self._next_handle % 512 == 0:
            self._drop_dead_handles()
        self.handles[self._next_handle] = value
        return self._next_handle

    def _drop_dead_handles(self):
        dead = self.lua.eval(b"terralib._takedeadhandles")()
        for i in range(len(dead)):
            self.handles.pop(int(dead[i + 1]), None)

    def handled(self, number) -> object:
        return self.handles[int(number)]

    def keep(self, value):
        """A Python object stored in a Lua table stays alive as long as the
        runtime: lupa 2.8 was seen handing back another object for one only Lua
        referenced, so Lua is never the only owner."""
        self.kept.append(value)
        return value

    def tree(self, key, index: int):
        if isinstance(key, bytes):
            key = key.decode()
        return self.translations[key].trees[index]

    def compiled_lua(self, piece):
        """The Lua function for a LuaExpr/LuaBlock, compiled once, on its own line."""
        found = self._compiled_lua.get(id(piece))
        if found is not None:
            return found[1]
        from ..trees import LuaExpr
        if isinstance(piece, LuaExpr):
            # through a call, so `[error("x")]` is no tail call and keeps its position
            code = ("local function __terrapy_values(...) return ... end "
                    f"return __terrapy_values({piece.code}\n)")
        else:
            code = piece.code
        code = "\n" * (piece.span.line - 1) + code
        compiled = self.lua.eval(b"terralib._compilelua")(
            code.encode("utf-8", "surrogateescape"), piece.span.chunkname.encode())
        if isinstance(compiled, tuple):
            raise TerraError(compiled[1].decode("utf-8", "replace"))
        self._compiled_lua[id(piece)] = (piece, compiled)
        return compiled

    # -------------------------------------------------------------- running
    def load_file(self, path: str | None):
        """A Lua function for a file (stdin when None), or raise the load error."""
        loader = self.lua.eval(b"terralib.loadfile")
        result = loader(path.encode() if path is not None else None)
        return self._loaded(result)

    def load_string(self, code: bytes, chunkname: bytes):
        result = self.lua.eval(b"terralib.loadstring")(code, chunkname)
        return self._loaded(result)

    def _loaded(self, result):
        if isinstance(result, tuple):
            function, message = (result + (None,))[:2]
            if function is None:
                raise self.load_error(message)
            return function
        if result is None:
            raise LuaError(b"cannot load chunk", None)
        return result

    def load_error(self, message: bytes):
        syntax = self.syntax_errors.get(message)
        return LuaError(message, None, syntax)

    def protected(self, function, *args):
        """Run a Lua function under terralib's traceback handler: (True, results,
        None), or (False, the error message as Lua gave it, its traceback)."""
        if self._protectedcall is None:
            self._protectedcall = self.lua.eval(b"terralib._protectedcall")
        result = self._protectedcall(function, *args)
        if not isinstance(result, tuple):
            result = (result,)
        if result[0] is True:
            return True, result[1:], None
        return False, result[1] if len(result) > 1 else b"", result[2] if len(result) > 2 else None

    def call(self, function, *args):
        """Call a Lua function under a traceback handler; raise LuaError on error."""
        ok, values, traceback = self.protected(function, *args)
        if ok:
            return values
        raise LuaError(values, traceback, self.rendered_errors.get(values))

    def call_for_compiler(self, function, arguments, what: str, span=None) -> list:
        """Call Lua code on the compiler's behalf (an escape, a macro, a metamethod):
        its Lua error is the user's, reported with what the compiler was doing
        (Terra's "Errors reported during ..." line). Returns the results."""
        ok, values, trace = self.protected(function, *arguments)
        if not ok:
            message = lua_text(values)
            full = bool(self.lua.eval(b"terralib.fulltrace"))
            raise TerraError(f"Error occured while {what}\n{message}{_user_frames(trace, full)}"
                             f"\nErrors reported during {what}", span)
        return list(values)

    def set_args(self, script: str | None, args: list[str], interpreter_args: list[str]):
        table = {i + 1: a.encode("utf-8", "surrogateescape") for i, a in enumerate(args)}
        table[0] = (script or "").encode("utf-8", "surrogateescape")
        for i, value in enumerate(reversed(interpreter_args)):
            table[-(i + 1)] = value.encode()
        self.lua.globals()[b"arg"] = self.lua.table_from(table)


def lua_text(message) -> str:
    """A Lua error message as text (lupa hands Lua strings over as bytes)."""
    return message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)


def _user_frames(traceback, full: bool = False) -> str:
    """The part of a callback's Lua traceback that is the user's code: the
    frames above the compiler's own protected call (terralib/*.lua); all of it
    with `terralib.fulltrace = true`."""
    if not isinstance(traceback, bytes):
        return ""
    text = traceback.decode("utf-8", "replace").strip("\n")
    if full:
        return "\n" + text if text.startswith("stack traceback:") else "\nstack traceback:\n" + text
    lines = text.split("\n")
    kept = []
    for line in lines:
        if INTERNAL_FRAME.search(line):
            break
        kept.append(line)
    frames = [line for line in kept if line.strip() and line.strip() != "stack traceback:"]
    while frames and frames[-1].strip() == "[C]: in function 'xpcall'":
        frames.pop()
    if all(frame.strip().startswith("[C]:") for frame in frames):
        return ""            # no Lua code of the user's: nothing to show
    return "\nstack traceback:\n" + "\n".join(frames) if frames else ""


class LuaError(Exception):
    """An error value that escaped a Lua call, as text plus its traceback."""

    def __init__(self, message, traceback, syntax: TerraError | None = None):
        self.message = message.decode("utf-8", "surrogateescape") if isinstance(message, bytes) \
            else str(message)
        self.traceback = traceback.decode("utf-8", "surrogateescape") \
            if isinstance(traceback, bytes) else traceback
        self.syntax = syntax
        super().__init__(self.message)

