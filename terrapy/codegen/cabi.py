"""The C ABI at terra's edges (x86-64 System V).

`@sym$c` is the C entry point of a terra function: what Lua's FFI, C code and
terra function pointers call. Calls to C functions and through function
pointers go through `call`. Scalars and pointers pass as themselves (bool as
`i1 zeroext`, small integers sign/zero extended, as clang does); aggregates
follow the classification in `abi.py` (INTEGER/SSE eightbytes, byval, sret).
"""
from __future__ import annotations

from llvmlite import ir

from .. import types

PTR = ir.PointerType()


def entry_name(function) -> str:
    return function.extern_name or function.symbol + "$c"


class PointerCallee:
    """An indirect callee for llvmlite's call instruction (it wants a function_type)."""

    def __init__(self, value, function_type):
        self.value, self.function_type, self.type = value, function_type, PTR

    def get_reference(self):
        return self.value.get_reference()


def extension(t) -> str | None:
    if isinstance(t, types.Primitive) and (t.logical or (t.integral and t.bytes < 4)):
        return "zeroext" if t.logical or not t.signed else "signext"
    return None


def lowered_signature(function_type):
    """(llvm function type, per-parameter classification, return classification)."""
    from . import abilower as abi
    return abi.c_signature(function_type)


def entry_point(unit, function, internal):
    """Define @sym$c: unpack the C-ABI arguments, call @sym, pack the result."""
    from . import abilower as abi
    fnty, params, result = abi.c_signature(function.type)
    wrapper = unit.declare_function(entry_name(function), fnty)
    abi.annotate(wrapper, params, result)
    builder = ir.IRBuilder(wrapper.append_basic_block("entry"))
    args = abi.unpack_arguments(builder, wrapper.args, params, function.type.parameters)
    value = builder.call(internal, args)
    abi.return_value(builder, wrapper, value, result, function.type.returntype)
    return wrapper


def entry_point_reference(unit, function):
    """The C entry point of a function, declared in this module if need be."""
    from . import abilower as abi
    fnty, params, result = abi.c_signature(function.type)
    existing = unit.module.globals.get(entry_name(function))
    if existing is not None:
        return existing
    declared = unit.declare_function(entry_name(function), fnty)
    abi.annotate(declared, params, result)
    return declared


def callee_of(lowering, callee):
    """What a C-ABI call calls: an extern function, or a function pointer value."""
    from ..typed import FuncRef
    if isinstance(callee, FuncRef):
        return entry_point_reference(lowering.unit, callee.function)
    return lowering.value(callee)


def call(lowering, target, function_type, args, arg_exprs):
    """A call with the C calling convention; varargs beyond the fixed parameters
    were promoted by the type checker and pass as their own types."""
    from . import abilower as abi
    fnty, params, result = abi.c_signature(function_type)
    builder = lowering.builder
    fixed = len(function_type.parameters)
    lowered, attributes = abi.pack_arguments(lowering, args[:fixed], params,
                                             function_type.parameters)
    for extra, expression in zip(args[fixed:], arg_exprs[fixed:]):
        packed, _ = abi.pack_arguments(lowering, [extra], abi.classify_params([expression.type]),
                                       [expression.type])
        lowered.extend(packed)
    if not isinstance(target, ir.Function):
        target = PointerCallee(target, fnty)
    return abi.call_and_unpack(lowering, target, lowered, attributes, result,
                               function_type.returntype)
