"""The C ABI at terra's edges (x86-64 System V).

`@sym$c` is the C entry point of a terra function: what Lua's FFI, C code and
terra function pointers call. Calls to C functions and through function
pointers go through `call`. How each value crosses is abi.py's classification
(as clang lowers C); abilower.py moves the values.
"""
from __future__ import annotations

from llvmlite import ir

from .. import types
from . import abilower

PTR = ir.PointerType()


def entry_name(function) -> str:
    return function.extern_name or function.symbol + "$c"


class PointerCallee:
    """An indirect callee for llvmlite's call instruction (it wants a function_type)."""

    def __init__(self, value, function_type):
        self.value, self.function_type, self.type = value, function_type, PTR

    def get_reference(self):
        return self.value.get_reference()


def entry_point(unit, function, internal):
    """Define @sym$c: unpack the C-ABI arguments, call @sym, return the C way."""
    fnty, classified = abilower.c_signature(function.type)
    wrapper = unit.declare_function(entry_name(function), fnty)
    classified.add_attributes(wrapper)
    allocas = ir.IRBuilder(wrapper.append_basic_block("entry"))
    builder = ir.IRBuilder(wrapper.append_basic_block("body"))
    args = abilower.unpack_arguments(builder, allocas, wrapper.args, classified,
                                     function.type.parameters)
    value = builder.call(internal, args)
    abilower.return_value(builder, allocas, wrapper, value, classified,
                          function.type.returntype)
    allocas.branch(wrapper.blocks[1])
    return wrapper


def entry_point_reference(unit, function):
    """The C entry point of a function (or a C function), declared here if need be."""
    existing = unit.module.globals.get(entry_name(function))
    if existing is not None:
        return existing
    fnty, classified = abilower.c_signature(function.type)
    declared = unit.declare_function(entry_name(function), fnty)
    classified.add_attributes(declared)
    return declared


def callee_of(lowering, callee):
    """What a C-ABI call calls: an extern function, or a function pointer value."""
    from ..typed import FuncRef
    if isinstance(callee, FuncRef):
        return entry_point_reference(lowering.unit, callee.function)
    return lowering.value(callee)


def call(lowering, target, function_type, args, arg_exprs):
    """A call with the C calling convention. Varargs beyond the fixed parameters
    were promoted by the type checker and are classified as passed."""
    arg_types = [e.type for e in arg_exprs]
    all_params = types.function(arg_types, function_type.returntype, False) \
        if len(arg_types) > len(function_type.parameters) else function_type
    fnty, _ = abilower.c_signature(function_type)
    _, classified = abilower.c_signature(all_params)
    if not isinstance(target, ir.Function):
        target = PointerCallee(target, fnty)
    return abilower.call(lowering, target, classified, args, arg_types,
                         function_type.returntype)
