"""The Lua face of terra types: one Lua table per type object, made once.

The table carries what Lua-side predicates need (`kind`, `type`, `N`,
`integral`, ...) as plain fields, and `__py` pointing back at the Python type.
"""
from __future__ import annotations

from .. import types


class TypeObjects:
    def __init__(self, lua):
        self.lua = lua
        self.meta = lua.eval(b"terralib.types.type")
        self._proxies: dict[int, tuple] = {}
        self._astype = lua.eval(b"terralib._astype")
        self._tostring = lua.eval(b"tostring")
        types.Struct.namer = self.struct_display

    def struct_display(self, struct) -> str | None:
        """A struct's __typename, as Lua's tostring gives it (derived types and
        error messages show it too)."""
        metamethods = struct.lua[b"metamethods"]
        if metamethods is None or metamethods[b"__typename"] is None:
            return None
        shown = self._tostring(struct.lua)
        return shown.decode("utf-8", "replace") if isinstance(shown, bytes) else None

    def proxy(self, t: types.Type):
        found = self._proxies.get(id(t))
        if found is not None:
            return found[1]
        fields = {b"kind": t.kind.encode(), b"__name": str(t).encode(), b"__py": t}
        if isinstance(t, types.Primitive):
            fields.update({b"integral": t.integral, b"isfloatingpoint": t.is_float,
                           b"logical": t.logical, b"signed": t.signed, b"bytes": t.bytes,
                           b"name": t.name.encode()})
        elif isinstance(t, (types.Pointer, types.Array, types.Vector)):
            fields[b"type"] = self.proxy(t.type)
            if not isinstance(t, types.Pointer):
                fields[b"N"] = t.N
            else:
                fields[b"addressspace"] = t.addrspace
        elif isinstance(t, types.Function):
            fields[b"parameters"] = self.lua.eval(b"terralib.newlist")(
                self.lua.table_from([self.proxy(p) for p in t.parameters]))
            fields[b"returntype"] = self.proxy(t.returntype)
            fields[b"isvararg"] = t.isvararg
        elif isinstance(t, types.Struct):
            fields[b"name"] = t.name.encode()
            fields[b"displayname"] = t.name.encode()
            if t.tuple_types is not None:
                fields[b"__unit"] = len(t.tuple_types) == 0
                fields[b"convertible"] = b"tuple"
                fields[b"__complete"] = True
        table = self.lua.table_from(fields)
        if isinstance(t, types.Struct):
            self.lua.eval(b"terralib._newstructproxy")(table)
            t.lua = table
            if t.tuple_types is not None:
                entries = table[b"entries"]
                for i, element in enumerate(t.tuple_types):
                    entries[i + 1] = self.lua.table_from(
                        {b"field": f"_{i}".encode(), b"type": self.proxy(element)})
        self.lua.eval(b"setmetatable")(table, self.meta)
        # the type itself is kept too: its id must not be reused while the
        # proxy exists, and lupa's own reference is not one to rely on
        self._proxies[id(t)] = (t, table)
        return table

    def unwrap(self, value, what: str = "a type") -> types.Type:
        """The Python type behind a Lua value; a Lua list of types is a tuple."""
        as_type = self._astype(value)
        if as_type is None:
            raise types.TypeError_(f"expected {what} but found {self.describe(value)}")
        return as_type[b"__py"]

    def describe(self, value) -> str:
        kind = self.lua.eval(b"type")(value).decode()
        if kind in ("number", "boolean"):
            return f"{kind} {value}"
        if kind == "string":
            return f"string '{value.decode('utf-8', 'replace')}'"
        return kind

    def type_list(self, value) -> list[types.Type]:
        """`{A, B}` (or a single type) as a list of types, for function types."""
        if self.lua.eval(b"terralib.types.istype")(value):
            return [value[b"__py"]]
        if self.lua.eval(b"type")(value) != b"table":
            raise types.TypeError_(f"expected a type or a list of types but found {self.describe(value)}")
        return [self.unwrap(value[i + 1]) for i in range(len(value))]
