"""Moving values across C-ABI boundaries, given the classification of abi.py.

abi.py says how each parameter and result crosses (direct, coerce into
eightbytes, byval, sret, ignore) and builds the LLVM signature with its
attributes; this module packs natural values into those arguments at a call
site and unpacks them inside a C entry point, through memory at the
classification's byte offsets (SROA removes the round trips).
"""
from __future__ import annotations

from llvmlite import ir

from .. import types
from . import abi

I8, I64 = ir.IntType(8), ir.IntType(64)


def c_signature(function_type):
    """(LLVM function type, abi.FunctionABI) of a terra function type."""
    classified = abi.classify_function(list(function_type.parameters), function_type.returntype,
                                       num_fixed=len(function_type.parameters))
    base = classified.ir_type
    fnty = ir.FunctionType(base.return_type, base.args, var_arg=function_type.isvararg)
    return fnty, classified


def slot(builder, t, name=""):
    """Scratch memory for a `t`, padded to whole eightbytes."""
    size = (types.size_of(t) + 7) // 8 * 8
    memory = builder.alloca(ir.ArrayType(I8, size), name=name)
    memory.type = ir.PointerType()
    memory.align = max(types.align_of(t), 8)
    return memory


def typed_pointer(value, t):
    """The pointer form llvmlite needs to print byval(T)/sret(T) (LLVM reads `T*` as ptr)."""
    from .llvmtypes import llvm_type
    value.type = ir.PointerType(llvm_type(t))
    return value


def at_offset(builder, base, offset):
    return builder.gep(base, [ir.Constant(I64, offset)], source_etype=I8)


def store_parts(builder, memory, pieces, offsets):
    for piece, offset in zip(pieces, offsets):
        builder.store(piece, at_offset(builder, memory, offset))


def load_parts(builder, memory, part_types, offsets):
    return [builder.load(at_offset(builder, memory, offset), typ=part)
            for part, offset in zip(part_types, offsets)]


# -------------------------------------------------- inside a C entry point

def unpack_arguments(builder, allocas, args, classified, param_types):
    """C-ABI arguments of @sym$c -> the natural values @sym takes."""
    from .lower import memory_type
    args = list(args)
    values = []
    for info, (start, stop), t in zip(classified.params, classified.arg_slices(), param_types):
        pieces = args[start:stop]
        if info.kind == "direct":
            values.append(pieces[0])
        elif info.kind == "indirect_byval":
            values.append(builder.load(pieces[0], typ=memory_type(t)))
        elif info.kind == "coerce":
            memory = slot(allocas, t)
            store_parts(builder, memory, pieces, info.offsets)
            values.append(builder.load(memory, typ=memory_type(t)))
        else:
            values.append(ir.Constant(memory_type(t), None))
    return values


def return_value(builder, allocas, wrapper, value, classified, returntype):
    """Return @sym's natural result from @sym$c the C way."""
    info = classified.ret
    if info.kind == "ignore":
        builder.ret_void()
    elif info.kind == "direct":
        builder.ret(value)
    elif info.kind == "sret":
        builder.store(value, wrapper.args[0])
        builder.ret_void()
    else:
        memory = slot(allocas, returntype)
        builder.store(value, memory)
        pieces = load_parts(builder, memory, info.parts, info.offsets)
        builder.ret(pieces[0] if len(pieces) == 1 else pack_struct(builder, info.type, pieces))


def pack_struct(builder, struct_type, pieces):
    aggregate = ir.Constant(struct_type, None)
    for i, piece in enumerate(pieces):
        aggregate = builder.insert_value(aggregate, piece, i)
    return aggregate


# ------------------------------------------------------- at a call site

def pack_arguments(lowering, values, infos, param_types):
    """Natural values -> C-ABI arguments (and the call-site attributes by index)."""
    builder = lowering.builder
    out, attributes = [], {}
    for value, info, t in zip(values, infos, param_types):
        if info.kind == "direct":
            if info.attrs:
                attributes[len(out)] = tuple(info.attrs)
            out.append(value)
        elif info.kind == "indirect_byval":
            memory = slot(lowering.allocas, t, "byval")
            builder.store(value, memory)
            attributes[len(out)] = ("byval",)
            out.append(typed_pointer(memory, t))
        elif info.kind == "coerce":
            memory = slot(lowering.allocas, t)
            builder.store(value, memory)
            out.extend(load_parts(builder, memory, info.parts, info.offsets))
    return out, attributes


def call(lowering, target, classified, args, arg_types, returntype):
    """Emit the call; return the natural result (None for unit)."""
    from .lower import memory_type
    builder = lowering.builder
    info = classified.ret
    lowered, attributes = pack_arguments(lowering, args, classified.params, arg_types)
    if info.kind == "sret":
        memory = typed_pointer(slot(lowering.allocas, returntype, "sret"), returntype)
        attributes = {i + 1: a for i, a in attributes.items()}
        attributes[0] = ("sret",)
        builder.call(target, [memory] + lowered, arg_attrs=attributes or None)
        # `memory` keeps its typed form: the call prints sret(T) from it later
        return builder.load(memory, typ=memory_type(returntype))
    result = builder.call(target, lowered, arg_attrs=attributes or None)
    if info.kind == "coerce":
        memory = slot(lowering.allocas, returntype)
        pieces = [result] if len(info.parts) == 1 else \
            [builder.extract_value(result, i) for i in range(len(info.parts))]
        store_parts(builder, memory, pieces, info.offsets)
        return builder.load(memory, typ=memory_type(returntype))
    return result
