"""Packing and unpacking values for C-ABI calls, from a classification.

Scalars and pointers pass directly (with the extension attributes clang uses);
aggregates take the plan that `abi.py` computes for x86-64 System V.
"""
from __future__ import annotations

from llvmlite import ir

from .. import types

PTR = ir.PointerType()


class Plan:
    """How one parameter or result crosses: kind is direct, coerce (a list of
    LLVM types, one per eightbyte), byval (memory copy), sret, or ignore."""
    __slots__ = ("kind", "llvm_types", "attribute", "align", "offsets", "return_type")

    def __init__(self, kind, llvm_types, attribute=None, align=None, offsets=(),
                 return_type=None):
        self.kind, self.llvm_types, self.attribute = kind, llvm_types, attribute
        self.align, self.offsets, self.return_type = align, offsets, return_type


def opaque_slot(builder, llvm_type):
    slot = builder.alloca(llvm_type)
    slot.type = PTR
    return slot


def is_aggregate(t) -> bool:
    return isinstance(t, (types.Struct, types.Array))


def scalar_plan(t) -> Plan:
    from .lower import value_type
    from .cabi import extension
    return Plan("direct", [value_type(t)], extension(t))


def classify_params(param_types, sret: bool = False) -> list[Plan]:
    if not any(is_aggregate(t) for t in param_types):
        return [scalar_plan(t) for t in param_types]
    from . import abi
    return [aggregate_plan(info, t) if is_aggregate(t) else scalar_plan(t)
            for info, t in zip(abi.classify_params(list(param_types), sret=sret), param_types)]


def classify_result(t) -> Plan:
    if t is types.UNIT:
        return Plan("ignore", [])
    if not is_aggregate(t):
        return scalar_plan(t)
    from . import abi
    return aggregate_plan(abi.classify_return(t), t)


def aggregate_plan(info, t) -> Plan:
    kind = info.kind
    if kind == "coerce":
        return Plan("coerce", list(info.parts), offsets=tuple(info.offsets),
                    return_type=info.type)
    if kind in ("indirect_byval", "byval"):
        return Plan("byval", [PTR], align=info.align or types.align_of(t))
    if kind == "sret":
        return Plan("sret", [PTR], align=info.align or types.align_of(t))
    if kind == "ignore":
        return Plan("ignore", [])
    if kind == "direct":
        from .lower import value_type
        return Plan("direct", [value_type(t)])
    raise AssertionError(f"unknown ABI classification {kind}")


def c_signature(function_type):
    result = classify_result(function_type.returntype)
    params = classify_params(function_type.parameters, sret=result.kind == "sret")
    llvm_params = [PTR] if result.kind == "sret" else []
    for plan in params:
        llvm_params.extend(plan.llvm_types)
    if result.kind in ("ignore", "sret"):
        returns = ir.VoidType()
    elif result.kind == "coerce":
        returns = result.return_type or (result.llvm_types[0] if len(result.llvm_types) == 1
                                         else ir.LiteralStructType(result.llvm_types))
    else:
        returns = result.llvm_types[0]
    fnty = ir.FunctionType(returns, llvm_params, var_arg=function_type.isvararg)
    return fnty, params, result


def annotate(function, params, result):
    index = 0
    if result.kind == "sret":
        function.args[0].add_attribute("noalias")
        index = 1
    for plan in params:
        if plan.kind == "direct" and plan.attribute:
            function.args[index].add_attribute(plan.attribute)
        index += len(plan.llvm_types)
    if result.kind == "direct" and result.attribute:
        function.return_value.add_attribute(result.attribute)


def unpack_arguments(builder, args, params, param_types):
    """Inside @sym$c: C-ABI arguments -> natural values for @sym."""
    from .lower import memory_type
    args = list(args)
    out = []
    position = 0
    if args and len(args) > sum(len(p.llvm_types) for p in params):
        position = 1      # the sret pointer
    for plan, t in zip(params, param_types):
        count = len(plan.llvm_types)
        pieces = args[position:position + count]
        position += count
        if plan.kind == "direct":
            out.append(pieces[0])
        elif plan.kind == "byval":
            out.append(builder.load(pieces[0], typ=memory_type(t)))
        elif plan.kind == "coerce":
            slot = opaque_slot(builder, memory_type(t))
            slot.align = max(types.align_of(t), 8)
            store_eightbytes(builder, slot, pieces, plan.offsets)
            out.append(builder.load(slot, typ=memory_type(t)))
        else:
            out.append(ir.Constant(memory_type(t), None))
    return out


def store_eightbytes(builder, slot, pieces, offsets):
    for piece, offset in zip(pieces, offsets or range(0, 8 * len(pieces), 8)):
        address = builder.gep(slot, [ir.Constant(ir.IntType(64), offset)], source_etype=ir.IntType(8))
        builder.store(piece, address)


def load_eightbytes(builder, slot, llvm_types, offsets):
    values = []
    for piece_type, offset in zip(llvm_types, offsets or range(0, 8 * len(llvm_types), 8)):
        address = builder.gep(slot, [ir.Constant(ir.IntType(64), offset)], source_etype=ir.IntType(8))
        values.append(builder.load(address, typ=piece_type))
    return values


def return_value(builder, wrapper, value, result, returntype):
    """Inside @sym$c: return the natural result the C way."""
    if result.kind == "ignore":
        builder.ret_void()
    elif result.kind == "direct":
        builder.ret(value)
    elif result.kind == "sret":
        builder.store(value, wrapper.args[0])
        builder.ret_void()
    else:
        slot = spill_padded(builder, value, returntype)
        pieces = load_eightbytes(builder, slot, result.llvm_types, result.offsets)
        builder.ret(pieces[0] if len(pieces) == 1 else pack_struct(builder, pieces))


def spill_padded(builder, value, t):
    """A slot big enough to read whole eightbytes from, holding `value`."""
    from .lower import memory_type
    size = (types.size_of(t) + 7) // 8 * 8
    slot = opaque_slot(builder, ir.ArrayType(ir.IntType(8), size))
    slot.align = max(types.align_of(t), 8)
    builder.store(value, slot)
    return slot


def pack_struct(builder, pieces):
    aggregate = ir.Constant(ir.LiteralStructType([p.type for p in pieces]), None)
    for i, piece in enumerate(pieces):
        aggregate = builder.insert_value(aggregate, piece, i)
    return aggregate


def pack_arguments(lowering, values, params, param_types):
    """At a C call site: natural values -> the C-ABI argument list."""
    builder = lowering.builder
    out = []
    for value, plan, t in zip(values, params, param_types):
        if plan.kind == "direct":
            out.append(value)
        elif plan.kind == "byval":
            slot = lowering.alloca(t, "byval")
            builder.store(value, slot)
            out.append(slot)
        elif plan.kind == "coerce":
            slot = opaque_slot(lowering.allocas, ir.ArrayType(ir.IntType(8),
                                                        (types.size_of(t) + 7) // 8 * 8))
            slot.align = max(types.align_of(t), 8)
            builder.store(value, slot)
            out.extend(load_eightbytes(builder, slot, plan.llvm_types, plan.offsets))
    return out, None


def call_and_unpack(lowering, target, args, attributes, result, returntype):
    from .lower import memory_type
    builder = lowering.builder
    if result.kind == "sret":
        slot = lowering.alloca(returntype, "sret")
        builder.call(target, [slot] + args)
        return builder.load(slot, typ=memory_type(returntype))
    value = builder.call(target, args)
    if result.kind == "coerce":
        slot = opaque_slot(lowering.allocas, ir.ArrayType(ir.IntType(8),
                                                    (types.size_of(returntype) + 7) // 8 * 8))
        slot.align = max(types.align_of(returntype), 8)
        pieces = [value] if len(result.llvm_types) == 1 else \
            [builder.extract_value(value, i) for i in range(len(result.llvm_types))]
        store_eightbytes(builder, slot, pieces, result.offsets)
        return builder.load(slot, typ=memory_type(returntype))
    return value
