"""The Lua C API of the running LuaJIT, as Terra exposes it.

lupa's LuaJIT is linked into its extension module and exports the whole C API
(lua_pushnumber, luaL_checkinteger, ...). Terra programs use it in two ways:
terra functions written against `lua.h` that Lua then calls
(`terralib.bindtoluaapi`), and `terralib.pointertolightuserdata`. Both need a
value that only the C API can make, pushed into the state the script runs in.

The C API may only be used from C code that Lua called, on a thread that is
not running: here, Python called from Lua (lupa's callbacks are Lua C
functions), working on a fresh coroutine whose function is a closure over one
local. `lua_setupvalue` stores the new value in that local, so Lua reads it
with no stack or global traffic.
"""
from __future__ import annotations

import os

_DECLARATIONS = """
typedef struct lua_State lua_State;
void lua_pushlightuserdata(lua_State *L, void *p);
void lua_pushcclosure(lua_State *L, void *fn, int n);
const char *lua_setupvalue(lua_State *L, int funcindex, int n);
int lua_gettop(lua_State *L);
void lua_settop(lua_State *L, int idx);
"""


def library_path() -> str:
    """The shared object that holds the running LuaJIT (and its C API)."""
    from lupa import luajit21
    return luajit21.__file__


def header_directory() -> str | None:
    """Where lua.h, lauxlib.h and luajit.h for LuaJIT 2.1 are (Debian's
    libluajit-5.1-dev): on the C include path after the user's, as Terra has
    its own copy of them on its include path."""
    for candidate in ("/usr/include/luajit-2.1", "/usr/local/include/luajit-2.1"):
        if os.path.exists(os.path.join(candidate, "lua.h")):
            return candidate
    return None


class LuaApi:
    def __init__(self):
        import cffi
        self.ffi = cffi.FFI()
        self.ffi.cdef(_DECLARATIONS)
        # dlopen of the already loaded module gives the same copy of LuaJIT
        self.lib = self.ffi.dlopen(library_path())

    def set_upvalue(self, thread_text: bytes, kind: bytes, address: int) -> None:
        """Make the first upvalue of a suspended coroutine's function a light
        userdata (`kind` "pointer") or a C function (`kind` "cfunction")."""
        prefix, _, hexaddress = thread_text.decode().partition(": ")
        if prefix != "thread" or not hexaddress.startswith("0x"):
            raise ValueError(f"not a coroutine: {thread_text!r}")
        state = self.ffi.cast("lua_State *", int(hexaddress, 16))
        pointer = self.ffi.cast("void *", int(address))
        top = self.lib.lua_gettop(state)
        if kind == b"pointer":
            self.lib.lua_pushlightuserdata(state, pointer)
        elif kind == b"cfunction":
            self.lib.lua_pushcclosure(state, pointer, 0)
        else:
            raise ValueError(f"unknown value kind {kind!r}")
        if self.ffi.NULL == self.lib.lua_setupvalue(state, 1, 1):
            self.lib.lua_settop(state, top)
            raise ValueError("the coroutine's function has no upvalue")
