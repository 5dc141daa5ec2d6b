"""The terra type system: primitives, pointers, arrays, vectors, functions,
tuples and structs. Structural types are interned (equal types are one
object); struct types are nominal. Imports neither lupa nor llvmlite: the
runtime gives each type a Lua face (runtime/typeobjects.py).
"""
from __future__ import annotations

import itertools


class Type:
    kind = "type"

    def __repr__(self):
        return str(self)


class Primitive(Type):
    kind = "primitive"

    def __init__(self, name: str, bytes_: int, integral: bool, signed: bool, is_float=False,
                 logical=False):
        self.name, self.bytes = name, bytes_
        self.integral, self.signed = integral, signed
        self.is_float, self.logical = is_float, logical

    def __str__(self):
        return self.name


PRIMITIVES = {
    name: Primitive(name, size, integral, signed)
    for name, size, integral, signed in [
        ("int8", 1, True, True), ("int16", 2, True, True), ("int32", 4, True, True),
        ("int64", 8, True, True), ("uint8", 1, True, False), ("uint16", 2, True, False),
        ("uint32", 4, True, False), ("uint64", 8, True, False)]
}
PRIMITIVES["float"] = Primitive("float", 4, False, True, is_float=True)
PRIMITIVES["double"] = Primitive("double", 8, False, True, is_float=True)
PRIMITIVES["bool"] = Primitive("bool", 1, False, False, logical=True)
ALIASES = {"int": "int32", "uint": "uint32", "long": "int64", "intptr": "uint64",
           "ptrdiff": "int64"}


class Opaque(Type):
    kind = "opaque"

    def __str__(self):
        return "opaque"


class NilType(Type):
    kind = "niltype"

    def __str__(self):
        return "niltype"


OPAQUE, NIL = Opaque(), NilType()
_interned: dict[tuple, Type] = {}


def _intern(key: tuple, make):
    found = _interned.get(key)
    if found is None:
        found = _interned[key] = make()
    return found


class Pointer(Type):
    kind = "pointer"

    def __init__(self, pointee: Type, addrspace: int = 0):
        self.type, self.addrspace = pointee, addrspace

    def __str__(self):
        if self.addrspace:
            return f"pointer({self.type},{self.addrspace})"
        return f"&{self.type}"


class Array(Type):
    kind = "array"

    def __init__(self, element: Type, count: int):
        self.type, self.N = element, count

    def __str__(self):
        inner = f"({self.type})" if isinstance(self.type, (Pointer, Function)) else str(self.type)
        return f"{inner}[{self.N}]"


class Vector(Type):
    kind = "vector"

    def __init__(self, element: Type, count: int):
        self.type, self.N = element, count

    def __str__(self):
        return f"vector({self.type},{self.N})"


class Function(Type):
    kind = "functype"

    def __init__(self, parameters: tuple, returntype: Type, varargs: bool):
        self.parameters, self.returntype, self.isvararg = parameters, returntype, varargs

    def __str__(self):
        params = ",".join(str(p) for p in self.parameters)
        if self.isvararg:
            params = params + ",..." if params else "..."
        return f"{{{params}}} -> {self.returntype}"


class Field:
    """A laid-out struct member; members of one union share an offset."""
    __slots__ = ("name", "type", "offset")

    def __init__(self, name, type_: "Type", offset: int):
        self.name, self.type, self.offset = name, type_, offset

    def __repr__(self):
        return f"Field({self.name!r}, {self.type}, {self.offset})"


class Struct(Type):
    """A nominal struct; tuples are structs interned by their element types.

    Its members are set once, by `complete(entries)`, from the Lua `entries`
    list: `(name, type)` pairs, or lists of them for a union.
    """
    kind = "struct"
    _ids = itertools.count(1)

    def __init__(self, name: str | None, tuple_types: tuple | None = None):
        self.id = next(self._ids)
        self.name = name or f"anon{self.id}"
        self.tuple_types = tuple_types   # set for tuples only
        self.lua = None                  # the Lua table that holds entries/methods
        self.fields: list[Field] | None = None
        self.size = self.align = None
        if tuple_types is not None:
            self.complete([(f"_{i}", t) for i, t in enumerate(tuple_types)])

    # the runtime's hook for a struct's display name (its __typename metamethod)
    namer = None

    def __str__(self):
        if self.tuple_types is not None:
            return "{" + ",".join(str(t) for t in self.tuple_types) + "}"
        if self.lua is not None and Struct.namer is not None:
            shown = Struct.namer(self)
            if shown:
                return shown
        return self.name

    def complete(self, entries) -> None:
        """Lay the members out by C's rules (a union takes its largest member)."""
        fields, offset, align = [], 0, 1
        for entry in entries:
            group = entry if isinstance(entry, list) else [entry]
            group_align = max((align_of(t) for _n, t in group), default=1)
            group_size = round_up(max((size_of(t) for _n, t in group), default=0), group_align)
            offset = round_up(offset, group_align)
            fields.extend(Field(name, t, offset) for name, t in group)
            offset += group_size
            align = max(align, group_align)
        self.fields, self.align, self.size = fields, align, round_up(offset, align)

    def field(self, name) -> Field | None:
        for f in self.fields or ():
            if f.name == name:
                return f
        return None


def round_up(value: int, align: int) -> int:
    return (value + align - 1) // align * align


class IncompleteType(Exception):
    """Layout was asked of a struct that has no members yet."""

    def __init__(self, struct: "Struct"):
        super().__init__(str(struct))
        self.struct = struct


def size_of(t: Type) -> int:
    if isinstance(t, Primitive):
        return t.bytes
    if isinstance(t, Pointer):
        return 8
    if isinstance(t, Array):
        return size_of(t.type) * t.N
    if isinstance(t, Vector):
        return t.type.bytes * vector_lanes(t.N)
    if isinstance(t, Struct):
        if t.fields is None:
            raise IncompleteType(t)
        return t.size
    raise TypeError_(f"type {t} has no size")


def align_of(t: Type) -> int:
    if isinstance(t, Primitive):
        return t.bytes
    if isinstance(t, Pointer):
        return 8
    if isinstance(t, Array):
        return align_of(t.type)
    if isinstance(t, Vector):
        return size_of(t)
    if isinstance(t, Struct):
        if t.fields is None:
            raise IncompleteType(t)
        return t.align
    raise TypeError_(f"type {t} has no alignment")


def vector_lanes(n: int) -> int:
    """LLVM stores vector(T,N) in the next power of two of N lanes."""
    lanes = 1
    while lanes < n:
        lanes *= 2
    return lanes


class TypeError_(Exception):
    """A type constructor was misused; the runtime reports it as a Lua error."""


def primitive(name: str) -> Primitive:
    return PRIMITIVES[ALIASES.get(name, name)]


def pointer(pointee: Type, addrspace: int = 0) -> Pointer:
    if not isinstance(pointee, Type):
        raise TypeError_(f"expected a type but found {type(pointee).__name__}")
    return _intern(("ptr", pointee, addrspace), lambda: Pointer(pointee, addrspace))


def array(element: Type, count: int) -> Array:
    if not isinstance(element, Type):
        raise TypeError_("expected a type as the array element")
    if count != int(count) or count < 0:
        raise TypeError_(f"expected a non-negative integer array size but found {count}")
    return _intern(("array", element, int(count)), lambda: Array(element, int(count)))


def vector(element: Type, count: int) -> Vector:
    if not isinstance(element, Primitive):
        raise TypeError_(f"vectors must be composed of primitive types (found: {element})")
    return _intern(("vector", element, int(count)), lambda: Vector(element, int(count)))


def tuple_of(*elements: Type) -> Struct:
    for element in elements:
        if not isinstance(element, Type):
            raise TypeError_("expected a type in a tuple")
    return _intern(("tuple", elements), lambda: Struct(None, tuple(elements)))


UNIT = tuple_of()


def function(parameters, returntype: Type, varargs: bool = False) -> Function:
    parameters = tuple(parameters)
    return _intern(("fn", parameters, returntype, varargs),
                   lambda: Function(parameters, returntype, varargs))


def funcpointer(parameters, returns, varargs: bool = False) -> Pointer:
    """`{A,B} -> R`: returns may be one type, a list of types (a tuple) or unit."""
    if isinstance(returns, Type):
        result = returns
    else:
        returns = tuple(returns)
        result = returns[0] if len(returns) == 1 else tuple_of(*returns)
    return pointer(function(parameters, result, varargs))
