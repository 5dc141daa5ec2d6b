"""terralib.includec / includecstring: a C header (or C source) as three Lua
tables of terra values (LANGUAGE.md §11).

The header pipeline (cheaders/) gives a model.CImport of plain terra types;
this module caches it, compiles what the header defines (static inline
functions, initialised globals), and makes the Lua side: functions become
terra function objects bound to their link names, variables extern globals,
macros and enum constants Lua numbers and strings.
"""
from __future__ import annotations

import os

from .. import types
from ..errors import TerraError


class CImporter:
    def __init__(self, runtime):
        self.runtime = runtime
        self.lua = runtime.lua
        self.loaded: dict[str, object] = {}
        self.made: dict[tuple, tuple] = {}

    def include(self, source: bytes, is_code: bool, args, target=None):
        header = source.decode("utf-8", "surrogateescape")
        flags = [a.decode() for a in self.list_items(args)] if args is not None else []
        include_path = self.include_path()
        memo = (header, is_code, tuple(include_path), tuple(flags))
        made = self.made.get(memo)
        if made is None:       # the same import twice in one process gives the same tables
            made = self.made[memo] = self.tables(
                self.imported(header, is_code, include_path, flags), header)
        return made

    def include_path(self) -> list[str]:
        configured = self.lua.eval(b"terralib.includepath") or b""
        paths = [p for p in configured.decode().split(";") if p]
        paths += [p for p in os.environ.get("INCLUDE_PATH", "").split(";") if p]
        from .luaapi import header_directory
        lua_headers = header_directory()
        return paths + [lua_headers] if lua_headers else paths

    def list_items(self, table):
        return [table[i + 1] for i in range(len(table))]

    # ----------------------------------------------------------- importing
    def imported(self, header, is_code, include_path, flags):
        from ..cheaders import cache
        cc = os.environ.get("CC", "gcc")
        key = cache.key(header, is_code, include_path, flags, cc)
        found = cache.lookup(key)
        shared = getattr(found, "shared_object", None)
        if found is not None and (shared is None or os.path.exists(shared)):
            return found         # (a cached import whose shared object was removed is rebuilt)
        from ..cheaders import macros, pipeline    # pycparser only on a cache miss
        try:
            imported, dependencies = pipeline.import_c(header, is_code, include_path, flags)
            imported.macros.update(macros.harvest(header, is_code, include_path, flags))
        except Exception as error:        # the pipeline's own errors name the header
            if type(error).__name__ in ("CHeaderError", "CCompileError"):
                raise TerraError(f"includec: {error}") from None
            raise
        self.compile_header_code(imported, header, is_code, include_path, flags)
        cache.store(key, imported, dependencies)
        return imported

    def compile_header_code(self, imported, header, is_code, include_path, flags):
        """Bodies the header defines run from a shared object the C compiler builds."""
        functions = [f.name for f in imported.functions.values() if f.defined_in_header]
        variables = [v.name for v in imported.variables.values() if v.defined_in_header]
        if not functions and not variables:
            return
        from ..cheaders import inline
        shared = inline.compile_header_code(header, is_code, include_path, flags,
                                            functions, variables)
        imported.shared_object = shared.path
        for name, symbol in shared.symbols.items():
            if name in imported.functions:
                imported.functions[name].link_name = symbol
            elif name in imported.variables:
                imported.variables[name].link_name = symbol

    # ----------------------------------------------------------- Lua side
    def tables(self, imported, header):
        shared = getattr(imported, "shared_object", None)
        if shared is not None:
            self.load_shared(shared)
        proxy = self.runtime.typeobjects.proxy
        general, tagged, macro_table = {}, {}, {}
        for name, t in imported.tagged.items():
            tagged[name.encode()] = proxy(t)
            general[name.encode()] = proxy(t)    # unless a function or typedef takes the name
        for name, t in imported.typedefs.items():
            general[name.encode()] = proxy(t)
        for name, value in imported.enum_constants.items():
            general[name.encode()] = lua_number(value)
        for name, macro in imported.macros.items():
            value = lua_number(macro.value) if not isinstance(macro.value, bytes) else macro.value
            macro_table[name.encode()] = value
            general.setdefault(name.encode(), value)
        for name, variable in imported.variables.items():
            general[name.encode()] = self.extern_global(variable)
        for name, function in imported.functions.items():
            general[name.encode()] = self.extern_function(function)
        if b"__errno_location" in general and b"errno" not in general:
            # errno is a macro for (*__errno_location()): in terra code it is that lvalue
            general[b"errno"] = self.lua.eval(b"terralib._errnovalue")(general[b"__errno_location"])
        notes = "\n".join(imported.notes).encode()
        return tuple(self.lua.eval(b"setmetatable")(self.lua.table_from(t), self.missing(header, notes))
                     for t in (general, tagged, macro_table))

    def missing(self, header, notes):
        """The metatable that names a missing symbol (and keeps the import's notes)."""
        return self.lua.eval(b"terralib._cimportmissing")(header.encode(), notes)

    def extern_function(self, function):
        definitions = self.runtime.definitions
        lua_function = definitions.new_function(function.name)
        terra = definitions.info(lua_function)
        terra.extern_name, terra.type = function.link_name, function.type
        lua_function[b"__extern"] = True
        lua_function[b"__defined"] = True
        return lua_function

    def extern_global(self, variable):
        make = self.lua.eval(b"terralib._externglobal")
        return make(self.runtime.typeobjects.proxy(variable.type), variable.link_name.encode())

    def load_shared(self, path: str):
        """Load with RTLD_GLOBAL: the JIT, and LuaJIT's FFI, find its symbols in the process."""
        import ctypes
        if path not in self.loaded:
            self.loaded[path] = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)


def lua_number(value):
    """A Lua number: integers past int64 (UINT64_MAX...) become doubles, as in Terra."""
    if isinstance(value, int) and not -2**63 <= value < 2**63:
        return float(value)
    return value
