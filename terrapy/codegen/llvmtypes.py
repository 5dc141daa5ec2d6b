"""The natural llvmlite type of a terrapy type, laid out the way clang lays out C.

`llvm_type(t)` is the *memory* type: bool is i8, structs are literal structs of
their members (with explicit `[N x i8]` padding wherever LLVM's natural layout
would not put a member at its C offset), a union (members sharing an offset) is
`{storage, [pad x i8]}` where storage is the member clang picks (highest
alignment, then largest size, then first). `field_paths(t)` gives the GEP
index path of each struct field in that type.

Also: x86-64 data layout queries on llvmlite types (`ir_size`, `ir_align`,
`ir_offsets`), used by the ABI code.
"""
from __future__ import annotations

import weakref

from llvmlite import ir

from terrapy import types as T

I1, I8, I16, I32, I64 = (ir.IntType(n) for n in (1, 8, 16, 32, 64))
FLOAT, DOUBLE = ir.FloatType(), ir.DoubleType()
PTR = ir.PointerType()

_structs: "weakref.WeakKeyDictionary[T.Struct, tuple]" = weakref.WeakKeyDictionary()


def llvm_type(t: T.Type) -> ir.Type:
    """The in-memory llvmlite type of `t` (bool is i8)."""
    if isinstance(t, T.Primitive):
        if t.is_float:
            return FLOAT if t.bytes == 4 else DOUBLE
        return ir.IntType(8 * t.bytes)
    if isinstance(t, T.Pointer):
        return PTR
    if isinstance(t, T.Array):
        return ir.ArrayType(llvm_type(t.type), t.N)
    if isinstance(t, T.Vector):
        # bool lanes are stored as i8 so that the size agrees with types.size_of
        return ir.VectorType(llvm_type(t.type), t.N)
    if isinstance(t, T.Struct):
        return _struct_layout(t)[0]
    raise TypeError(f"type {t} has no LLVM value type")


def field_paths(t: T.Struct) -> list[tuple[int, ...] | None]:
    """For each field of `t` (in `t.fields` order) the GEP index path into
    llvm_type(t) (after the leading 0). A union member's path leads to the union
    slot, whose address is the member's address; a zero-sized member has no
    element (None): address it by `Field.offset`."""
    return _struct_layout(t)[1]


def _struct_layout(t: T.Struct):
    found = _structs.get(t)
    if found is None:
        found = _structs[t] = _build_struct(t)
    return found


def _groups(fields):
    """Indices of the sized fields, split into runs sharing one offset (unions).
    Zero-sized members get no LLVM element."""
    groups: list[list[int]] = []
    for i, f in enumerate(fields):
        if not T.size_of(f.type):
            continue
        if groups and fields[groups[-1][0]].offset == f.offset:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _union_type(members: list[ir.Type], size: int) -> ir.Type:
    storage = None
    for m in members:
        if ir_size(m) == 0:
            continue
        if (storage is None or ir_align(m) > ir_align(storage)
                or (ir_align(m) == ir_align(storage) and ir_size(m) > ir_size(storage))):
            storage = m
    elements = [storage]
    if size > ir_size(storage):
        elements.append(ir.ArrayType(I8, size - ir_size(storage)))
    return ir.LiteralStructType(elements)


class _Misplaced(Exception):
    """A member sits where LLVM's natural layout would not put it (a packed struct)."""


def _build_struct(t: T.Struct):
    try:
        return _build_struct_layout(t, packed=False)
    except _Misplaced:
        # C's `packed` (e.g. struct epoll_event): an LLVM packed struct with
        # explicit padding puts every member at its C offset
        return _build_struct_layout(t, packed=True)


def _build_struct_layout(t: T.Struct, packed: bool):
    if t.fields is None:
        raise T.IncompleteType(t)
    fields = t.fields
    groups = _groups(fields)
    paths: list[tuple[int, ...] | None] = [None] * len(fields)
    # a struct that is one union is the union type itself (like C's `union U`)
    if len(groups) == 1 and len(groups[0]) > 1:
        members = [llvm_type(fields[i].type) for i in groups[0]]
        ut = _union_type(members, t.size)
        for i in groups[0]:
            paths[i] = ()        # every member starts at offset 0: use the pointer itself
        return ut, paths
    elements: list[ir.Type] = []
    offset = 0
    for gi, group in enumerate(groups):
        target = fields[group[0]].offset
        if len(group) == 1:
            elem = llvm_type(fields[group[0]].type)
        else:
            rounded = T.round_up(max(T.size_of(fields[i].type) for i in group),
                                 max(T.align_of(fields[i].type) for i in group))
            limit = fields[groups[gi + 1][0]].offset if gi + 1 < len(groups) else t.size
            elem = _union_type([llvm_type(fields[i].type) for i in group],
                               min(rounded, limit) - target)
        natural = offset if packed else T.round_up(offset, ir_align(elem))
        if natural < target:
            elements.append(ir.ArrayType(I8, target - offset))
            offset = target
            natural = target
        if natural != target:
            raise _Misplaced(f"{t}: member at {target}, LLVM puts it at {natural}")
        index = len(elements)
        elements.append(elem)
        for i in group:
            paths[i] = (index,)   # a union member: the address of the union slot
        offset = target + ir_size(elem)
    align = 1 if packed else max([ir_align(e) for e in elements], default=1)
    if T.round_up(offset, align) < t.size:
        elements.append(ir.ArrayType(I8, t.size - offset))
    st = ir.LiteralStructType(elements, packed=packed)
    if ir_size(st) != t.size:
        raise AssertionError(f"LLVM size of {t} is {ir_size(st)}, C size is {t.size}")
    return st, paths


# --- x86-64 data layout on llvmlite types -----------------------------------

def _int_align(bits: int) -> int:
    for size, align in ((1, 1), (8, 1), (16, 2), (32, 4), (64, 8)):
        if bits <= size:
            return align
    return 16


def ir_align(t: ir.Type) -> int:
    if isinstance(t, ir.IntType):
        return _int_align(t.width)
    if isinstance(t, ir.FloatType):
        return 4
    if isinstance(t, ir.DoubleType):
        return 8
    if isinstance(t, ir.PointerType):
        return 8
    if isinstance(t, ir.ArrayType):
        return ir_align(t.element)
    if isinstance(t, ir.VectorType):
        n = 1
        while n < _store_bits(t):
            n *= 2
        return max(n // 8, 1)
    if isinstance(t, ir.LiteralStructType):
        if t.packed:
            return 1
        return max([ir_align(e) for e in t.elements], default=1)
    raise TypeError(f"no alignment for {t}")


def _store_bits(t: ir.VectorType) -> int:
    return t.count * _prim_bits(t.element)


def _prim_bits(t: ir.Type) -> int:
    if isinstance(t, ir.IntType):
        return t.width
    if isinstance(t, ir.FloatType):
        return 32
    if isinstance(t, ir.DoubleType):
        return 64
    if isinstance(t, ir.PointerType):
        return 64
    raise TypeError(f"not a vector element: {t}")


def ir_size(t: ir.Type) -> int:
    """The alloc size (what getTypeAllocSize returns)."""
    if isinstance(t, ir.IntType):
        store = (t.width + 7) // 8
        return T.round_up(store, ir_align(t))
    if isinstance(t, (ir.FloatType,)):
        return 4
    if isinstance(t, (ir.DoubleType, ir.PointerType)):
        return 8
    if isinstance(t, ir.ArrayType):
        return ir_size(t.element) * t.count
    if isinstance(t, ir.VectorType):
        return T.round_up((_store_bits(t) + 7) // 8, ir_align(t))
    if isinstance(t, ir.LiteralStructType):
        offsets = ir_offsets(t)
        if not t.elements:
            return 0
        end = offsets[-1] + ir_size(t.elements[-1])
        return T.round_up(end, ir_align(t))
    raise TypeError(f"no size for {t}")


def ir_offsets(t: ir.LiteralStructType) -> list[int]:
    offsets, offset = [], 0
    for e in t.elements:
        if not t.packed:
            offset = T.round_up(offset, ir_align(e))
        offsets.append(offset)
        offset += ir_size(e)
    return offsets


def element_containing(t: ir.LiteralStructType, offset: int) -> tuple[int, int]:
    """(index, offset within it) of the last element starting at or before `offset`
    (LLVM's StructLayout::getElementContainingOffset)."""
    offsets = ir_offsets(t)
    index = 0
    for i, o in enumerate(offsets):
        if o <= offset:
            index = i
        else:
            break
    return index, offset - offsets[index]
