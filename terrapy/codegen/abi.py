"""x86-64 System V classification of terrapy types, lowered the way clang lowers C.

This follows clang's X86_64ABIInfo (clang/lib/CodeGen/TargetInfo.cpp) step by
step: `_classify` (eightbyte classes with merge/post-merge), GetINTEGERTypeAtOffset,
GetSSETypeAtOffset, GetByteVectorType, GetX86_64ByValArgumentPair,
getIndirectResult/getIndirectReturnResult and computeInfo's register budget
(6 INTEGER, 8 SSE; an argument that does not fit entirely goes to memory; an
sret pointer takes one INTEGER register). It is checked against clang by
tests/codegen/test_abi_classify.py.

Kinds of ArgInfo:
  direct          a scalar (integer, float, pointer, vector) passed as `type`,
                  with `attrs` ('signext'/'zeroext' for int8/int16/uint8/uint16/
                  bool; bool's type is i1, as in clang)
  coerce          passed as `parts` (1 or 2 IR values; as parameters they are
                  that many IR arguments; as a return value it is `type`, which
                  is the part itself or the literal struct {lo, hi}); part k
                  holds the bytes of the value at `offsets[k]` (0 and 8)
  indirect_byval  a pointer argument with `byval(type) align N`
  sret            a return through a hidden first pointer argument with
                  `sret(type) align N`; the IR function returns void
  ignore          nothing is passed (empty structs, unit)
A bare array parameter/return is treated as a struct holding that array.

Entry points: classify_return(t), classify_param(t, free_int), classify_params(
types, sret=, num_fixed=), classify_function(params, ret, num_fixed=) ->
FunctionABI (.ir_type, .arg_slices(), .add_attributes(fn)). `native_vector_bits`
is 128 (no AVX, the default: matches gcc/clang without -mavx); pass 256 only if
the C side is compiled with AVX. Callers of variadic functions must apply C's
default promotions (float -> double, small ints -> int) themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from llvmlite import ir

from terrapy import types as T
from terrapy.codegen.llvmtypes import (
    DOUBLE, FLOAT, I1, I64, element_containing, ir_align, ir_size, llvm_type)

NO_CLASS, INTEGER, SSE, SSEUP, MEMORY = "NoClass", "Integer", "SSE", "SSEUp", "Memory"

DEFAULT_NATIVE_VECTOR_BITS = 128   # no AVX: like gcc/clang without -mavx


@dataclass(frozen=True)
class ArgInfo:
    kind: str                                  # direct|coerce|indirect_byval|sret|ignore
    type: ir.Type | None = None
    parts: tuple = ()
    offsets: tuple = ()
    attrs: tuple = ()                          # ('signext',) / ('zeroext',)
    align: int | None = None                   # byval / sret alignment
    int_regs: int = 0                          # registers this parameter takes
    sse_regs: int = 0

    def ir_args(self) -> list[ir.Type]:
        """The IR parameter types this parameter becomes."""
        if self.kind == "direct":
            return [self.type]
        if self.kind == "coerce":
            return list(self.parts)
        if self.kind in ("indirect_byval", "sret"):
            # a pointer typed with the memory type: llvmlite needs the pointee to
            # print byval(T)/sret(T); LLVM 22 reads `T*` as plain `ptr`
            return [ir.PointerType(self.type)]
        return []

    def ir_return(self) -> ir.Type:
        """The IR return type this return value becomes."""
        if self.kind in ("direct", "coerce"):
            return self.type
        return ir.VoidType()


@dataclass(frozen=True)
class FunctionABI:
    ret: ArgInfo
    params: list = field(default_factory=list)

    @property
    def ir_type(self) -> ir.FunctionType:
        args = self.ret.ir_args() if self.ret.kind == "sret" else []
        for p in self.params:
            args.extend(p.ir_args())
        return ir.FunctionType(self.ret.ir_return(), args)

    def arg_slices(self) -> list[tuple[int, int]]:
        """For each parameter, the (start, stop) range of its IR arguments
        (after the sret pointer, if any)."""
        out, i = [], 1 if self.ret.kind == "sret" else 0
        for p in self.params:
            n = len(p.ir_args())
            out.append((i, i + n))
            i += n
        return out

    def add_attributes(self, fn: ir.Function) -> None:
        """Put the ABI's attributes on an ir.Function declared with `ir_type`
        (signext/zeroext on the return value and parameters, sret, byval, align)."""
        for a in self.ret.attrs:
            fn.return_value.add_attribute(a)
        args = list(fn.args)
        if self.ret.kind == "sret":
            args[0].add_attribute("sret")
            args[0].add_attribute("noalias")
            args[0].attributes.align = self.ret.align
        for p, (start, stop) in zip(self.params, self.arg_slices()):
            for arg in args[start:stop]:
                for a in p.attrs:
                    arg.add_attribute(a)
                if p.kind == "indirect_byval":
                    arg.add_attribute("byval")
                    arg.attributes.align = p.align


# --- classification ----------------------------------------------------------

def _merge(a, b):
    if a == b or b == NO_CLASS:
        return a
    if a == NO_CLASS:
        return b
    if MEMORY in (a, b):
        return MEMORY
    if INTEGER in (a, b):
        return INTEGER
    return SSE


def _post_merge(size, lo, hi):
    if hi == MEMORY:
        lo = MEMORY
    if size > 16 and (lo != SSE or hi != SSEUP):
        lo = MEMORY
    if hi == SSEUP and lo != SSE:
        hi = SSE
    return lo, hi


def _is_aggregate(t):
    return isinstance(t, (T.Struct, T.Array))


def _classify(t, offset, nvb, named=True):
    """(lo, hi) of `t` placed at byte `offset` (clang's classify, in bytes)."""
    lo = hi = NO_CLASS
    cur_lo = offset < 8

    def current(cls):
        nonlocal lo, hi
        if cur_lo:
            lo = cls
        else:
            hi = cls
    if isinstance(t, T.Primitive):
        current(SSE if t.is_float else INTEGER)
        return lo, hi
    if isinstance(t, T.Pointer):
        current(INTEGER)
        return lo, hi
    if isinstance(t, T.Vector):
        size = T.size_of(t) * 8
        if size in (8, 16, 32) or (size == 1):
            current(INTEGER)
            if offset // 8 != (offset * 8 + size - 1) // 64:
                hi = lo
        elif size == 64:
            if t.N == 1 and t.type is T.PRIMITIVES["double"]:
                current(MEMORY)            # gcc passes <1 x double> in memory
                return lo, hi
            current(SSE)
            if offset and offset != 8:
                hi = lo
        elif size == 128 or (named and size <= nvb):   # unnamed (variadic) wide vectors: memory
            lo, hi = SSE, SSEUP
        else:
            current(MEMORY)
        return lo, hi
    if isinstance(t, T.Array):
        size = T.size_of(t)
        if size > 64 or offset % T.align_of(t.type):
            current(MEMORY)
            return lo, hi
        esize = T.size_of(t.type)
        if size > 16 and (size != esize or size * 8 > nvb):
            return lo, hi              # sic: clang leaves NoClass here (the struct decides)
        for i in range(t.N):
            flo, fhi = _classify(t.type, offset + i * esize, nvb, named)
            lo, hi = _merge(lo, flo), _merge(hi, fhi)
            if MEMORY in (lo, hi):
                break
        return _post_merge(size, lo, hi)
    if isinstance(t, T.Struct):
        size = T.size_of(t)
        if size > 64:
            current(MEMORY)
            return lo, hi
        fields = t.fields
        is_union = len(fields) > 1 and all(f.offset == 0 for f in fields)
        for f in fields:
            fsize = T.size_of(f.type)
            if size > 16 and ((not is_union and size != fsize) or size * 8 > nvb):
                return _post_merge(size, MEMORY, hi)
            if (offset + f.offset) % T.align_of(f.type):
                return _post_merge(size, MEMORY, hi)
            flo, fhi = _classify(f.type, offset + f.offset, nvb, named)
            lo, hi = _merge(lo, flo), _merge(hi, fhi)
            if MEMORY in (lo, hi):
                break
        return _post_merge(size, lo, hi)
    raise TypeError(f"type {t} cannot be passed by value")


def _classify_top(t, nvb, named=True):
    """Classify a parameter/return type; a bare array is classified as the
    struct holding it."""
    if isinstance(t, T.Array):
        size = T.size_of(t)
        if size > 64 or (size > 16 and size * 8 > nvb):
            return MEMORY, NO_CLASS
        return _post_merge(size, *_classify(t, 0, nvb, named))
    return _classify(t, 0, nvb, named)


def _bits_contain_no_user_data(t, start, end):
    """No member of `t` has data in bits [start, end)."""
    size = T.size_of(t) * 8
    if size <= start:
        return True
    if isinstance(t, T.Array):
        esize = T.size_of(t.type) * 8
        for i in range(t.N):
            eoff = i * esize
            if eoff >= end:
                break
            estart = start - eoff if eoff < start else 0
            if not _bits_contain_no_user_data(t.type, estart, end - eoff):
                return False
        return True
    if isinstance(t, T.Struct):
        for f in t.fields:
            foff = f.offset * 8
            if foff >= end:
                break
            fstart = start - foff if foff < start else 0
            if not _bits_contain_no_user_data(f.type, fstart, end - foff):
                return False
        return True
    return False


def _integer_type_at(irt, iroff, src, srcoff):
    """clang's GetINTEGERTypeAtOffset."""
    if iroff == 0:
        if isinstance(irt, ir.PointerType) or (isinstance(irt, ir.IntType) and irt.width == 64):
            return irt
        if isinstance(irt, ir.IntType) and irt.width in (8, 16, 32):
            if _bits_contain_no_user_data(src, srcoff * 8 + irt.width, srcoff * 8 + 64):
                return irt
    if isinstance(irt, ir.LiteralStructType):
        if iroff < ir_size(irt):
            index, inner = element_containing(irt, iroff)
            return _integer_type_at(irt.elements[index], inner, src, srcoff)
    if isinstance(irt, ir.ArrayType):
        esize = ir_size(irt.element)
        return _integer_type_at(irt.element, iroff - iroff // esize * esize, src, srcoff)
    return ir.IntType(min(T.size_of(src) - srcoff, 8) * 8)


def _fp_type_at(irt, iroff):
    """clang's getFPTypeAtOffset (no half types in terrapy)."""
    if iroff == 0 and isinstance(irt, (ir.FloatType, ir.DoubleType)):
        return irt
    if isinstance(irt, ir.LiteralStructType):
        if not irt.elements:
            return None
        index, inner = element_containing(irt, iroff)
        return _fp_type_at(irt.elements[index], inner)
    if isinstance(irt, ir.ArrayType):
        esize = ir_size(irt.element)
        return _fp_type_at(irt.element, iroff - iroff // esize * esize)
    return None


def _sse_type_at(irt, iroff, src, srcoff):
    """clang's GetSSETypeAtOffset (the clang >= 14 form, which looks only at
    the IR type: float, <2 x float> or double)."""
    source_size = T.size_of(src) - srcoff
    t0 = _fp_type_at(irt, iroff)
    if t0 is None or isinstance(t0, ir.DoubleType):
        return DOUBLE
    t1 = None
    if source_size > ir_size(t0):
        t1 = _fp_type_at(irt, iroff + ir_size(t0))
    if t1 is None:
        return t0
    if isinstance(t0, ir.FloatType) and isinstance(t1, ir.FloatType):
        return ir.VectorType(FLOAT, 2)
    return DOUBLE


def _single_element(t):
    """clang's isSingleElementStruct: the one non-empty scalar inside, or None."""
    if isinstance(t, T.Array):        # a bare array: as the struct holding it
        members = [t]
    elif isinstance(t, T.Struct):
        members = [f.type for f in t.fields]
    else:
        return None
    found = None
    for ft in members:
        if _is_empty_field(ft):
            continue
        if found is not None:
            return None
        while isinstance(ft, T.Array) and ft.N == 1:
            ft = ft.type
        if not _is_aggregate(ft):
            found = ft
        else:
            found = _single_element(ft)
            if found is None:
                return None
    if found is not None and T.size_of(found) != T.size_of(t):
        return None
    return found


def _is_empty_field(ft):
    while isinstance(ft, T.Array):
        if ft.N == 0:
            return True
        ft = ft.type
    return isinstance(ft, T.Struct) and _is_empty_record(ft)


def _is_empty_record(t):
    return all(_is_empty_field(f.type) for f in t.fields)


def _byte_vector_type(t):
    """clang's GetByteVectorType."""
    inner = _single_element(t)
    if inner is not None:
        t = inner
    irt = _natural(t)
    if isinstance(irt, ir.VectorType):
        return irt
    return ir.VectorType(DOUBLE, T.size_of(t) // 8)


def _natural(t):
    """clang's ConvertType: the memory type, except that a bool scalar is i1."""
    if isinstance(t, T.Primitive) and t.logical:
        return I1
    return llvm_type(t)


def _pair(lo, hi):
    """clang's GetX86_64ByValArgumentPair: make hi start at offset 8."""
    if T.round_up(ir_size(lo), ir_align(hi)) != 8:
        lo = DOUBLE if isinstance(lo, ir.FloatType) else I64
    return lo, hi


def _extend_attr(t):
    if isinstance(t, T.Primitive) and not t.is_float and t.bytes < 4:
        return ("signext",) if t.signed and not t.logical else ("zeroext",)
    return ()


def _scalar(t, irt=None):
    irt = irt or _natural(t)
    return ArgInfo("direct", irt, attrs=_extend_attr(t))


def _lower(t, lo, hi):
    """The register part of classifyArgumentType/classifyReturnType."""
    irt = _natural(t)
    needed_int = needed_sse = 0
    res = None
    if lo == INTEGER:
        needed_int += 1
        res = _integer_type_at(irt, 0, t, 0)
        if hi == NO_CLASS and isinstance(res, ir.IntType) and _extend_attr(t):
            return ArgInfo("direct", irt, attrs=_extend_attr(t), int_regs=1)
    elif lo == SSE:
        needed_sse += 1
        res = _sse_type_at(irt, 0, t, 0)
    elif lo == NO_CLASS:
        raise NotImplementedError(f"{t}: an argument whose first eightbyte is padding")
    high = None
    if hi == INTEGER:
        needed_int += 1
        high = _integer_type_at(irt, 8, t, 8)
    elif hi == SSE:
        needed_sse += 1
        high = _sse_type_at(irt, 8, t, 8)
    elif hi == SSEUP:
        res = _byte_vector_type(t)
    if high is not None:
        parts, offsets = _pair(res, high), (0, 8)
        whole = ir.LiteralStructType(parts)
    else:
        parts, offsets, whole = (res,), (0,), res
    if not _is_aggregate(t) and whole == irt:
        return ArgInfo("direct", irt, int_regs=needed_int, sse_regs=needed_sse)
    return ArgInfo("coerce", whole, tuple(parts), offsets, int_regs=needed_int,
                   sse_regs=needed_sse)


def classify_return(t: T.Type, *, native_vector_bits=DEFAULT_NATIVE_VECTOR_BITS) -> ArgInfo:
    """How a value of type `t` is returned (unit/empty structs: ignore)."""
    lo, hi = _classify_top(t, native_vector_bits)
    if lo == NO_CLASS and hi == NO_CLASS:
        return ArgInfo("ignore")
    if lo == MEMORY:
        if not _is_aggregate(t):
            return _scalar(t)          # e.g. <1 x double>, wide vectors: LLVM returns them
        return ArgInfo("sret", llvm_type(t), align=T.align_of(t))
    return _lower(t, lo, hi)


def _indirect(t, free_int, nvb):
    """clang's getIndirectResult."""
    if not _is_aggregate(t) and not _illegal_vector(t, nvb):
        return _scalar(t)
    align = max(T.align_of(t), 8)
    if free_int == 0 and align == 8 and T.size_of(t) <= 8:
        return ArgInfo("coerce", ir.IntType(T.size_of(t) * 8), (ir.IntType(T.size_of(t) * 8),), (0,))
    return ArgInfo("indirect_byval", llvm_type(t), align=align)


_NVB = DEFAULT_NATIVE_VECTOR_BITS


def _illegal_vector(t, nvb):
    if isinstance(t, T.Vector):
        size = T.size_of(t) * 8
        return size <= 64 or size > nvb
    return False


def classify_param(t: T.Type, free_int: int = 6, *, native_vector_bits=_NVB,
                   named: bool = True) -> ArgInfo:
    """One parameter given `free_int` free INTEGER registers (no budget check).
    `named=False` for a variadic argument (matters only for AVX-sized vectors)."""
    lo, hi = _classify_top(t, native_vector_bits, named)
    if lo == NO_CLASS and hi == NO_CLASS:
        return ArgInfo("ignore")
    if lo == MEMORY:
        return _indirect(t, free_int, native_vector_bits)
    return _lower(t, lo, hi)


def classify_params(types, *, sret: bool = False, native_vector_bits=_NVB,
                    num_fixed: int | None = None) -> list[ArgInfo]:
    """Classify parameters left to right, tracking the register budget.

    `sret`: the return value is returned in memory (its pointer takes %rdi).
    At a call of a variadic function pass all the actual arguments and
    `num_fixed` = the number of declared parameters: variadic arguments follow
    the same rules except that AVX-sized vectors in them go to memory.
    """
    free_int, free_sse = (5 if sret else 6), 8
    out = []
    for i, t in enumerate(types):
        named = num_fixed is None or i < num_fixed
        info = classify_param(t, free_int, native_vector_bits=native_vector_bits, named=named)
        if free_int >= info.int_regs and free_sse >= info.sse_regs:
            free_int -= info.int_regs
            free_sse -= info.sse_regs
        else:
            info = _indirect(t, free_int, native_vector_bits)
        out.append(info)
    return out


def classify_function(params, ret, *, native_vector_bits=_NVB,
                      num_fixed: int | None = None) -> FunctionABI:
    """The whole signature (or call: see classify_params for `num_fixed`):
    `FunctionABI(ret, params)`; `.ir_type` is the LLVM function type."""
    r = classify_return(ret, native_vector_bits=native_vector_bits)
    ps = classify_params(params, sret=r.kind == "sret", native_vector_bits=native_vector_bits,
                         num_fixed=num_fixed)
    return FunctionABI(r, ps)
