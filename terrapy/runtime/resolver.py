"""The compiler's window on Lua: name lookup in a definition's scope, Lua
values classified as terra values, struct members and methods read from their
Lua tables, global storage, and LuaJIT ctype names for binding compiled code.
"""
from __future__ import annotations

from .. import trees as T
from .. import types
from ..errors import TerraError

RAWSTRING = types.pointer(types.primitive("int8"))


def as_lua_value(typed_expression):
    """The Lua value of a type-checked constant expression, else nil."""
    from .. import typed as X
    if isinstance(typed_expression, X.Const):
        return typed_expression.value
    if isinstance(typed_expression, X.StringLit):
        return typed_expression.value
    return None


def literal_value(node, resolver):
    """q:asvalue(): the Lua value a quote's code spells (Terra's rules): a
    literal, a negated number, a constructor as a Lua table (positional fields
    at 1..n), a variable as its symbol, a Lua value as itself; else nil."""
    if isinstance(node, (T.Number, T.String, T.Bool)):
        return node.value
    if isinstance(node, T.UnaryOp) and node.op == "-":
        value = literal_value(node.operand, resolver)
        return -value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if isinstance(node, T.Constructor):
        table, position = resolver.lua.table(), 0
        for f in node.fields:
            if f.key is None:
                position += 1
                table[position] = literal_value(f.value, resolver)
            elif isinstance(f.key, str):
                table[f.key.encode()] = literal_value(f.value, resolver)
        return table
    if isinstance(node, T.LocalRef):
        return resolver.symbol_object(node.symbol)
    if isinstance(node, T.LuaValue):
        if node.kind in ("number", "boolean", "string", "table"):
            return node.value
        if node.kind == "symbol":
            return resolver.symbol_object(node.value)
        return None
    if isinstance(node, T.Typed):
        return as_lua_value(node.expr)
    if isinstance(node, T.Select) and isinstance(node.value, T.LuaValue) \
            and node.value.kind == "table":        # a field read at type checking
        return literal_value(resolver.select(node.value, node.field, node.span), resolver)
    if isinstance(node, T.SplicedQuote) and not node.body.statements and len(node.results) == 1:
        return literal_value(node.results[0], resolver)
    if isinstance(node, T.Quote) and not node.body.statements and node.results \
            and len(node.results) == 1:
        return literal_value(node.results[0], resolver)
    return None


class LuaList(list):
    """A Lua list's values, classified, and the table itself."""
    table = None


def member_name(value) -> str | None:
    """The struct member a label or symbol stands for: a C identifier (LuaJIT
    declares the member) that no field spelled as a string can collide with."""
    if value.kind == "label":
        shown, _, number = value.value.strip("$").partition("$")
        return f"__label_{_identifier(shown)}_{number}"
    if value.kind == "symbol":
        return f"__symbol_{_identifier(value.value.name)}_{value.value.id}"
    return None


def _identifier(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in text)


class Resolver:
    def __init__(self, runtime):
        self.runtime = runtime
        self.lua = runtime.lua
        self._classify = self.lua.eval(b"terralib._classify")
        self._index = self.lua.eval(b"terralib._index")
        self._cdef = self.lua.eval(b"require('ffi').cdef")
        self._allocate = self.lua.eval(b"terralib._allocateglobal")
        self.ctypes: dict[int, str] = {}        # structs defined to LuaJIT
        self.struct_names: dict[int, str] = {}  # structs declared to LuaJIT
        self.symbol_objects: dict[int, object] = {}
        self.callbacks: list = []
        self.completing: set[int] = set()       # structs being laid out (recursion check)

    # ------------------------------------------------------------ lookups
    def classify(self, value, span) -> T.LuaValue:
        kind, payload = self._classify(value)
        kind = kind.decode()
        if kind == "string":
            payload = bytes(payload)
        elif kind in ("builtin", "label"):
            payload = payload.decode()
        elif kind in ("table", "luafunction"):
            payload = value
        elif kind == "quote":
            payload = self.runtime.handled(payload[b"__handle"])
        elif kind == "overloaded":
            payload = [payload[i + 1] for i in range(len(payload))]
        elif kind == "list":
            payload = LuaList(self.classify(payload[i + 1], span) for i in range(len(payload)))
            payload.table = value       # (an empty one may be a namespace filled later)
        elif kind == "constant":
            constant_type = self.runtime.typeobjects.unwrap(payload[1])
            value = payload[2]
            if isinstance(value, bytes):    # a 64-bit integer's digits (prelude's scalar)
                value = int(value)
            payload = (value, constant_type, payload[3])    # storage: aggregates only
        elif kind in ("cdataref", "cdataptr"):
            payload = (self.runtime.typeobjects.unwrap(payload[1]), int(payload[2]), value)
        return T.LuaValue(kind, payload, span=span)

    def lookup(self, environment, name: str, span) -> T.LuaValue:
        key = name.encode()
        value = environment.captured[key]
        if value is None:
            value = environment.globals[key]
        return self.classify(value, span)

    def select(self, table: T.LuaValue, key: str, span) -> T.LuaValue:
        if table.kind == "list":
            table = T.LuaValue("table", table.value.table, span=span)
        # indexing may run the table's __index (a lazy namespace, an includec table
        # that reports a missing name): its error is the user's, at the select
        found = self.runtime.call_for_compiler(self._index, [table.value, key.encode()],
                                               "evaluating Lua code from Terra", span)
        return self.classify(found[0] if found else None, span)

    def evaluate(self, expression, environment, symbols) -> T.LuaValue:
        """An escape's value; several results (`[f()]`) come back as a list."""
        value = self.runtime.definitions.evaluate(expression, environment,
                                                  self.symbol_table(symbols))
        if isinstance(value, tuple):
            if len(value) != 1:
                return T.LuaValue("list", [self.classify(v, expression.span) for v in value],
                                  span=expression.span)
            value = value[0]
        return self.classify(value, expression.span)

    def run_block(self, block, environment, symbols) -> list[T.LuaValue]:
        """An `escape ... end` block: what it emits, in order."""
        emitted = []
        def emit(*values):
            emitted.extend(self.classify(v, block.span) for v in values)
        table = self.symbol_table(symbols)
        table[b"__emit"] = emit
        self.runtime.definitions.evaluate(block, environment, table)
        return emitted

    def lua_callback(self, function, function_type):
        """A Lua function called from terra code: a LuaJIT callback with the argument
        types inferred at the call (kept alive as long as the runtime)."""
        pointer = types.pointer(function_type)
        cast = self.lua.eval(b"terralib.cast")
        callback = cast(self.runtime.typeobjects.proxy(pointer), function)
        self.callbacks.append(callback)
        address = self.lua.eval(b"function(p) return tonumber(require('ffi').cast('intptr_t', p)) end")(callback)
        return int(address)

    # -------------------------------------------------------------- macros
    def argument_quote(self, node, checker):
        """A macro argument: a quote of already specialized code, which the macro can
        ask for its type (type checking it in the caller's function)."""
        def typed():
            return checker.expr(node)
        fields = {
            b"__gettype": lambda: self.runtime.typeobjects.proxy(typed().type),
            b"__islvalue": lambda: typed().lvalue,
            b"__asvalue": lambda: literal_value(node, self),
            b"__astype": lambda: self.as_type(node),
        }
        # the handle owns the callables too, for as long as Lua holds the quote
        return self.runtime.definitions.quote_object(T.QuoteCode.specialized(node, keep=fields),
                                                     self.lua.table_from(fields))

    def note_macro_site(self, span):
        """Where the macro being called is called (an internal macro's tree)."""
        from ..source import display_name
        site = None
        if span is not None:
            site = self.lua.table_from({b"filename": display_name(span.chunkname).encode(),
                                        b"linenumber": span.line, b"offset": span.column})
        self.lua.globals()[b"terralib"][b"_macrosite"] = site

    def as_type(self, node):
        if isinstance(node, T.LuaValue) and node.kind == "type":
            return self.runtime.typeobjects.proxy(node.value)
        raise TerraError("quote does not name a type")

    def call_macro(self, function, arguments, span, what="invoking macro") -> list[T.LuaValue]:
        """Run a macro (or a Lua metamethod) during type checking: its results, classified."""
        values = self.runtime.call_for_compiler(function, arguments, what, span)
        return [self.classify(v, span) for v in values]

    def metamethod(self, struct: types.Struct, name: str, span):
        if struct.lua is None:
            return None
        found = self.classify(struct.lua[b"metamethods"][name.encode()], span)
        return None if found.kind == "nil" else found

    # ------------------------------------------------------------- symbols
    def symbol_object(self, symbol: T.Symbol):
        """The Lua object for a terra symbol (one per symbol)."""
        found = self.symbol_objects.get(symbol.id)
        if found is None:
            fields = {b"__symbol": self.runtime.keep(symbol), b"displayname": symbol.name.encode()}
            if symbol.type is not None:
                fields[b"type"] = self.runtime.typeobjects.proxy(symbol.type)
            found = self.lua.eval(b"setmetatable")(self.lua.table_from(fields),
                                                   self.lua.eval(b"terralib._symbolmeta"))
            self.symbol_objects[symbol.id] = found
        return found

    def symbol_table(self, symbols):
        if not symbols:
            return self.lua.table()
        return self.lua.table_from({name.encode(): self.symbol_object(symbol)
                                    for name, symbol in symbols.items()})

    def evaluate_type(self, expression, environment, symbols):
        return self.runtime.definitions.evaluate_type(expression, environment)

    def method(self, struct: types.Struct, name: str, span) -> T.LuaValue:
        """S.methods[name], or what S's __getmethod(S, name) returns."""
        if struct.lua is None:
            return T.LuaValue("nil", None, span=span)
        lookup = struct.lua[b"metamethods"][b"__getmethod"]
        if lookup is not None:
            results = self.runtime.call_for_compiler(lookup, [struct.lua, name.encode()],
                                              f"invoking __getmethod for struct {struct}")
            return self.classify(results[0] if results else None, span)
        return self.classify(struct.lua[b"methods"][name.encode()], span)

    # ------------------------------------------------------------- structs
    def complete(self, struct: types.Struct) -> None:
        """Lay out a struct from its Lua `entries` (members first)."""
        if struct.fields is not None:
            return
        table = struct.lua
        if table is None or not table[b"__defined"]:
            raise TerraError(f"attempting to use type {struct} before it is defined")
        if struct.id in self.completing:
            raise TerraError(f"type {struct} recursively contains itself (a field of it holds "
                             "it by value; a pointer would do)")
        self.completing.add(struct.id)
        try:
            entries = []
            for entry in self.list_items(self.entry_list(struct, table)):
                entries.append(self.entry(entry, struct))
            for entry in entries:
                for _name, t in (entry if isinstance(entry, list) else [entry]):
                    while isinstance(t, types.Array):
                        t = t.type
                    if isinstance(t, types.Struct):
                        self.complete(t)
                    elif t is types.OPAQUE:
                        raise TerraError(f"attempting to use an opaque type as a field of {struct}")
        finally:
            self.completing.discard(struct.id)
        struct.complete(entries)
        table[b"__complete"] = True
        initialize = table[b"metamethods"][b"__staticinitialize"]
        if initialize is not None:
            self.runtime.call_for_compiler(initialize, [table], "invoking __staticinitialize for "
                                    f"struct {struct}")

    def entry_list(self, struct, table):
        """The struct's entries: its __getentries metamethod's result, or `entries`."""
        compute = table[b"metamethods"][b"__getentries"]
        if compute is None:
            return table[b"entries"]
        results = self.runtime.call_for_compiler(compute, [table], f"invoking __getentries for struct "
                                          f"{struct}")
        entries = results[0] if results else None
        if entries is None or not self.lua.eval(b"terralib.israwlist")(entries) and \
                not self.lua.eval(b"terralib.islist")(entries):
            raise TerraError(f"__getentries for struct {struct} must return a list of entries")
        table[b"entries"] = entries
        return entries

    def list_items(self, table):
        return [table[i + 1] for i in range(len(table))]

    def entry(self, entry, struct):
        objects = self.runtime.typeobjects
        if self.lua.eval(b"terralib.islist")(entry):
            return [self.entry(e, struct) for e in self.list_items(entry)]
        field, type_ = entry[b"field"], entry[b"type"]
        if field is None:
            field, type_ = entry[1], entry[2]
        if isinstance(field, bytes):
            name = field.decode()
        else:                        # a label or a symbol names a field no string can reach
            named_by = self.classify(field, None)
            name = member_name(named_by)
            if name is None:
                raise TerraError(f"a field of {struct} is named by a {named_by.kind}, "
                                 "not a string, label or symbol")
        return (name, objects.unwrap(type_, f"a type for field '{name}' of {struct}"))

    def symbol_exists(self, name: str) -> bool:
        from ..codegen.jit import jit
        return bool(jit().symbol_address(name))

    def symbol_address(self, name: str) -> int:
        from ..codegen.jit import jit
        address = jit().symbol_address(name)
        if not address:
            raise TerraError(f"symbol '{name}' not found in the process or any library loaded "
                             f"with terralib.linklibrary")
        return address

    # ------------------------------------------------------------- globals
    def allocate_global(self, variable) -> None:
        """Globals live in memory LuaJIT allocates (so :get/:set need no Python)."""
        if variable.address is not None:
            return
        ctype = self.ctype(variable.type, "[1]")     # a one-element array of it
        variable.cdata, address = self._allocate(ctype.encode())
        variable.address = int(address)

    # -------------------------------------------------------------- ctypes
    def registered_ctype(self, t) -> str:
        """ctype(t), with the ctype known to terralib.typeof."""
        name = self.ctype(t)
        if not isinstance(t, types.Struct):
            self.lua.eval(b"terralib._registerctype")(name.encode(),
                                                      self.runtime.typeobjects.proxy(t))
        return name

    def ctype(self, t, declarator: str = "") -> str:
        """The LuaJIT FFI spelling of a terra type, built as a C declarator (so that
        pointers to arrays and functions read `int32_t (*)[4]`); structs are
        declared to LuaJIT on first use, defined once their layout is needed."""
        if isinstance(t, types.Primitive):
            if t.logical:
                base = "bool"
            elif t.is_float:
                base = t.name
            else:
                base = f"{'' if t.signed else 'u'}int{t.bytes * 8}_t"
            return f"{base} {declarator}".rstrip()
        if t is types.UNIT or t is types.OPAQUE:
            return f"void {declarator}".rstrip()
        if isinstance(t, types.Pointer):
            inner = f"*{declarator}"
            if isinstance(t.type, (types.Array, types.Function)):
                inner = f"({inner})"
            if isinstance(t.type, types.Struct):
                # no layout needed; but one already known is given to LuaJIT, so
                # that Lua can read fields through the pointer (callback arguments)
                if t.type.fields is not None:
                    return f"{self.struct_ctype(t.type)} {inner}"
                return f"{self.struct_name(t.type)} {inner}"
            return self.ctype(t.type, inner)
        if isinstance(t, types.Array):
            return self.ctype(t.type, f"{declarator}[{t.N}]")
        if isinstance(t, types.Vector) and isinstance(t.type, types.Primitive) \
                and not t.type.logical:
            # LuaJIT knows GNU C vectors; the size is the vector's (a power of two)
            return f"{self.ctype(t.type)} __attribute__((vector_size({types.size_of(t)}))) " \
                   f"{declarator}".rstrip()
        if isinstance(t, types.Function):
            # a rawstring parameter is `const char*`, so that Lua strings convert to it
            params = ["const char*" if p is RAWSTRING else self.ctype(p) for p in t.parameters]
            if t.isvararg:
                params.append("...")
            return self.ctype(t.returntype, f"{declarator}({', '.join(params) or 'void'})")
        if isinstance(t, types.Struct):
            return f"{self.struct_ctype(t)} {declarator}".rstrip()
        raise TerraError(f"type {t} has no LuaJIT FFI equivalent")

    def struct_name(self, struct: types.Struct) -> str:
        """The struct's ctype name, declared (not yet defined) to LuaJIT."""
        name = self.struct_names.get(struct.id)
        if name is None:
            safe = "".join(ch if ch.isalnum() else "_" for ch in str(struct.name))
            name = f"struct terra_{safe}_{struct.id}"
            self._cdef(f"{name};".encode())
            self.struct_names[struct.id] = name
        return name

    def struct_ctype(self, struct: types.Struct) -> str:
        found = self.ctypes.get(struct.id)
        if found is not None:
            return found
        self.complete(struct)
        name = self.struct_name(struct)
        self.ctypes[struct.id] = name
        # LuaJIT lays members out by C's rules, as types.Struct does: no padding
        # members are needed (and positional initializers stay positional).
        members = []
        groups: dict[int, list] = {}
        for f in struct.fields:
            groups.setdefault(f.offset, []).append(f)
        for field_offset in sorted(groups):
            declarations = [self.member(f) for f in groups[field_offset]]
            members.append(declarations[0] if len(declarations) == 1
                           else "union { " + " ".join(declarations) + " };")
        self._cdef(f"{name} {{ {' '.join(members)} }};".encode())
        proxy = self.runtime.typeobjects.proxy(struct)    # tuples get theirs here
        self.lua.eval(b"terralib._structmetatype")(name.encode(), proxy)
        self.lua.eval(b"terralib._registerctype")(name.encode(), proxy)
        return name

    def member(self, f) -> str:
        return self.ctype(f.type, str(f.name)) + ";"
