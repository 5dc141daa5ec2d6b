"""Terra's rules for primitive types: the operator sets and the "wider type
wins" meet, shared by the type checker's modules."""
from __future__ import annotations

from . import types

ARITHMETIC = {"+", "-", "*", "/", "%"}
OPERATOR_METAMETHODS = {
    "+": "__add", "-": "__sub", "*": "__mul", "/": "__div", "%": "__mod", "<": "__lt",
    "<=": "__le", ">": "__gt", ">=": "__ge", "==": "__eq", "~=": "__ne", "and": "__and",
    "or": "__or", "^": "__xor", "<<": "__lshift", ">>": "__rshift",
}
COMPARISON = {"==", "~=", "<", "<=", ">", ">="}
INT = types.primitive("int32")
INT64 = types.primitive("int64")
DOUBLE = types.primitive("double")
FLOAT = types.primitive("float")
BOOL = types.primitive("bool")
RAWSTRING = types.pointer(types.primitive("int8"))


def is_integral(t):
    return isinstance(t, types.Primitive) and t.integral


def is_float(t):
    return isinstance(t, types.Primitive) and t.is_float


def is_numeric(t):
    return isinstance(t, types.Primitive) and not t.logical


def is_bool(t):
    return isinstance(t, types.Primitive) and t.logical


def is_vector(t):
    return isinstance(t, types.Vector)


def element(t):
    return t.type if isinstance(t, types.Vector) else t


def numeric_meet(a, b):
    """The wider type wins; at equal width unsigned wins; floats beat ints."""
    if a is b:
        return a
    if is_float(a) or is_float(b):
        if a is DOUBLE or b is DOUBLE:
            return DOUBLE
        return FLOAT
    if a.bytes != b.bytes:
        return a if a.bytes > b.bytes else b
    return a if not a.signed else b
