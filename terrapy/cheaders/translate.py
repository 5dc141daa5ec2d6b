"""pycparser AST (of gnuc-cleaned C) -> model.CImport with terra types.

Takes the FileAST and gnuc's side table (`Cleaned.attrs`: asm link names,
packed/aligned/mode/vector_size, "has a body"). Gives functions, variables,
typedefs, tagged types and enum constants. Struct layout follows gcc on
x86-64 (bitfields packed into storage units of their declared type, packed,
aligned(N), #pragma pack); each laid-out struct carries `c_bitfields`
(name -> BitField) for the bitfields, which appear in `fields` only as
`uint8[n]` spans named `__bitfield<k>`. One unsupported declaration becomes a
note, never an error for the whole header.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from pycparser import c_ast, c_generator

from .. import types as T
from . import gnuc, model
from .model import BitField


class Unsupported(Exception):
    """A declaration terrapy cannot represent; it is skipped with a note."""


def opaque_sized(name: str, size: int, align: int) -> T.Struct:
    """A struct of `size` bytes and alignment `align` with no usable members."""
    s = T.Struct(name)
    s.fields = [T.Field("_bytes", T.array(T.primitive("uint8"), size), 0)]
    s.size, s.align = size, align
    s.c_opaque = True
    return s


LONG_DOUBLE = opaque_sized("c_long_double", 16, 16)
INT128 = opaque_sized("c_int128", 16, 16)
UINT128 = opaque_sized("c_uint128", 16, 16)
FLOAT128 = opaque_sized("c_float128", 16, 16)
FLOAT16 = opaque_sized("c_float16", 2, 2)
SPECIAL = {
    "__terrapy_int128": INT128, "__terrapy_uint128": UINT128, "__terrapy_float128": FLOAT128,
    "__terrapy_float64x": LONG_DOUBLE, "__terrapy_float16": FLOAT16,
    "__terrapy_bfloat16": opaque_sized("c_bfloat16", 2, 2),
    "__terrapy_decimal32": opaque_sized("c_decimal32", 4, 4),
    "__terrapy_decimal64": opaque_sized("c_decimal64", 8, 8),
    "__terrapy_decimal128": opaque_sized("c_decimal128", 16, 16),
}

_P = T.primitive
INT_KINDS = {  # (unsigned, base) -> type
    (False, "char"): _P("int8"), (True, "char"): _P("uint8"),
    (False, "short"): _P("int16"), (True, "short"): _P("uint16"),
    (False, "int"): _P("int32"), (True, "int"): _P("uint32"),
    (False, "long"): _P("int64"), (True, "long"): _P("uint64"),
}
MODES = {"QI": 1, "HI": 2, "SI": 4, "DI": 8, "TI": 16, "word": 8, "pointer": 8, "byte": 1}

# same C declaration text -> same Struct across imports (type identity, LANGUAGE.md §11)
_MEMO: dict[tuple, T.Struct] = {}
_BY_TAG: dict[tuple, T.Struct] = {}     # (kind, tag) -> the last struct completed with that tag
_OPAQUE: dict[tuple, T.Struct] = {}     # (kind, tag) -> the struct named before any definition


def interned_struct(name: str, c_key) -> tuple[T.Struct, bool]:
    """The process's struct for a C identity, `(kind, tag, digest)` with the
    digest None for a struct only declared: one import read from the disk cache
    and another translated now (or two cached ones) share their C structs, as
    two headers of one C program do. Returns (struct, made_now)."""
    kind, tag, digest = c_key
    if digest is None:
        found = _BY_TAG.get((kind, tag)) or _OPAQUE.get((kind, tag))
        if found is None:
            found = _OPAQUE[(kind, tag)] = T.Struct(name)
            found.c_key = c_key
            return found, True
        return found, False
    found = _MEMO.get((kind, tag, digest))
    if found is None:
        declared = _OPAQUE.get((kind, tag))
        found = declared if declared is not None and declared.fields is None else T.Struct(name)
        found.c_key = c_key
        _MEMO[(kind, tag, digest)] = _BY_TAG[(kind, tag)] = found
        return found, True
    return found, False
_generator = c_generator.CGenerator()
_MARKER_RE = re.compile(gnuc.MARKER + r"(\d+)")


class Translator:
    def __init__(self, attrs: dict[int, dict] | None = None):
        self.attrs = attrs or {}
        self.result = model.CImport()
        self.typedefs: dict[str, T.Type] = {}
        self.typedef_align: dict[str, int] = {}
        self.tags: dict[tuple, T.Type] = {}
        self.consts: dict[str, int] = {}
        self.pending: dict = {}
        self.bodies: dict[str, str] = {}
        self.where = ""
        self.defined_tags: set[tuple] = set()     # (kind, tag) defined by this import

    # --- top level -------------------------------------------------------
    def translate(self, ast: c_ast.FileAST, bodies=()) -> model.CImport:
        for node in ast.ext:
            marker = self.marker(node)
            if marker is not None:
                self.pending = marker
                continue
            attrs, self.pending = self.pending, {}
            self.where = f"{node.coord.file}:{node.coord.line}" if node.coord else "?"
            try:
                self.external(node, attrs, bodies)
            except (Unsupported, T.TypeError_, T.IncompleteType, KeyError, ValueError,
                    ZeroDivisionError, RecursionError) as e:
                name = getattr(node, "name", None) or type(node).__name__
                self.result.notes.append(f"{self.where}: skipped {name}: {_why(e)}")
        return self.result

    def marker(self, node):
        if isinstance(node, c_ast.Decl) and node.name and node.name.startswith(gnuc.MARKER):
            return self.attrs.get(int(node.name[len(gnuc.MARKER):]), {})
        return None

    def external(self, node, attrs, bodies):
        if isinstance(node, c_ast.Typedef):
            if node.name in SPECIAL:
                self.typedefs[node.name] = SPECIAL[node.name]
                return
            t = self.apply_type_attrs(self.type_of(node.type, top=node.name), attrs)
            if isinstance(t, T.Struct) and t.name.startswith("anon") and t.tuple_types is None:
                t.name = node.name
            if "aligned" in attrs and isinstance(t, T.Struct) and t.fields is not None \
                    and t.align != attrs["aligned"]:
                t = self.aligned_variant(node.name, t, attrs["aligned"])
            self.typedefs[node.name] = t
            if node.name != "__builtin_va_list":      # gnuc's prelude: a compiler builtin
                self.result.typedefs[node.name] = t
            if "aligned" in attrs:
                self.typedef_align[node.name] = attrs["aligned"]
            elif isinstance(node.type, c_ast.TypeDecl) and isinstance(node.type.type, c_ast.IdentifierType):
                names = node.type.type.names
                if len(names) == 1 and names[0] in self.typedef_align:
                    self.typedef_align[node.name] = self.typedef_align[names[0]]
            return
        if isinstance(node, c_ast.FuncDef):
            self.declaration(node.decl, attrs)
            return
        if isinstance(node, c_ast.Decl):
            if node.name is None:                 # `struct foo {...};`, `enum {...};`
                self.type_of(node.type)
                return
            self.declaration(node, attrs)
            if "body" in attrs and node.name:
                self.bodies[node.name] = bodies[attrs["body"]] if attrs["body"] < len(bodies) else ""
            return
        if isinstance(node, (c_ast.Pragma, c_ast.StaticAssert)):
            return
        raise Unsupported(f"unsupported construct {type(node).__name__}")

    def aligned_variant(self, name: str, t: T.Struct, align: int) -> T.Struct:
        """`typedef struct S name __attribute__((aligned(N)))`: the same members, alignment N."""
        key = ("aligned", t.id, align)
        v = _MEMO.get(key)
        if v is None:
            v = _MEMO[key] = T.Struct(name)
            v.fields, v.size, v.align = list(t.fields), t.size, align
            for attr in ("c_bitfields", "c_packed", "c_opaque"):
                if hasattr(t, attr):
                    setattr(v, attr, getattr(t, attr))
        return v

    def declaration(self, node: c_ast.Decl, attrs):
        name = node.name
        has_body = "body" in attrs
        if isinstance(node.type, c_ast.FuncDecl):
            ftype = self.function_type(node.type)
            old = self.result.functions.get(name)
            if old is not None and old.defined_in_header and not has_body:
                return
            link = attrs.get("asm") or (old.link_name if old and old.link_name != name else name)
            static = "static" in (node.storage or [])
            if static and not has_body:
                self.result.notes.append(f"{self.where}: static function {name} has no body here")
            self.result.functions[name] = model.CFunction(name, ftype, link, has_body)
            return
        t = self.apply_type_attrs(self.type_of(node.type), attrs)
        storage = node.storage or []
        if "extern" in storage and node.init is None:
            defined = False
        else:
            defined = True          # a definition (initialized, or tentative): compiled by inline.py
        old = self.result.variables.get(name)
        if old is not None and old.defined_in_header and not defined:
            return
        if isinstance(t, T.Array) and old is not None and isinstance(old.type, T.Array) and t.N == 0:
            t = old.type
        self.result.variables[name] = model.CVariable(name, t, attrs.get("asm") or name, defined)

    # --- types -----------------------------------------------------------
    def type_of(self, node, top=None, as_param=False) -> T.Type:
        if isinstance(node, c_ast.TypeDecl):
            return self.type_of(node.type, top)
        if isinstance(node, c_ast.Typename):
            return self.type_of(node.type, top, as_param)
        if isinstance(node, c_ast.IdentifierType):
            return self.base_type(node.names)
        if isinstance(node, c_ast.PtrDecl):
            inner = self.type_of(node.type)
            if inner is T.UNIT:
                inner = T.OPAQUE
            return T.pointer(inner)
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.type_of(node.type)
            if elem is T.UNIT:
                raise Unsupported("array of void")
            n = 0 if node.dim is None else self.eval(node.dim)
            if n < 0:
                raise Unsupported("negative array size")
            return T.array(elem, n)
        if isinstance(node, c_ast.FuncDecl):
            return self.function_type(node)
        if isinstance(node, (c_ast.Struct, c_ast.Union)):
            return self.struct_type(node)
        if isinstance(node, c_ast.Enum):
            return self.enum_type(node)
        raise Unsupported(f"unsupported type {type(node).__name__}")

    def base_type(self, names) -> T.Type:
        names = [n for n in names if n not in ("signed", "__signed__")] if "char" not in names else list(names)
        if len(names) == 1 and names[0] in self.typedefs:
            return self.typedefs[names[0]]
        if len(names) == 1 and names[0] in SPECIAL:
            return SPECIAL[names[0]]
        if len(names) == 2 and "_Complex" in names:
            other = names[0] if names[1] == "_Complex" else names[1]
            if other in self.typedefs or other in SPECIAL:
                return self.complex_type(self.typedefs.get(other) or SPECIAL[other])
        unsigned = "unsigned" in names
        rest = [n for n in names if n not in ("unsigned", "signed", "int")] or (["int"] if names else ["int"])
        complex_ = "_Complex" in rest
        rest = [n for n in rest if n != "_Complex"]
        key = " ".join(rest)
        if key == "void":
            return T.UNIT
        if key == "_Bool":
            return T.primitive("bool")
        if key == "float":
            t = T.primitive("float")
        elif key == "double":
            t = T.primitive("double")
        elif key == "long double":
            t = LONG_DOUBLE
        elif key in ("char", "short", "int", "long"):
            if key == "char" and "signed" in names:
                unsigned = False
            t = INT_KINDS[(unsigned, key)]
        elif key == "long long":
            t = INT_KINDS[(unsigned, "long")]
        elif key == "" or key == "int":
            t = INT_KINDS[(unsigned, "int")]
        else:
            raise Unsupported(f"unknown type name '{' '.join(names)}'")
        if complex_:
            return self.complex_type(t)
        return t

    def complex_type(self, t):
        key = ("complex", str(t))
        s = _MEMO.get(key)
        if s is None:
            s = _MEMO[key] = T.Struct(f"c_complex_{t}")
            s.complete([("re", t), ("im", t)])
        return s

    def apply_type_attrs(self, t: T.Type, attrs) -> T.Type:
        mode = attrs.get("mode")
        if mode:
            if mode in ("SF", "DF"):
                t = T.primitive("float" if mode == "SF" else "double")
            elif mode in ("XF", "TF"):
                t = LONG_DOUBLE if mode == "XF" else FLOAT128
            elif mode in MODES and isinstance(t, T.Primitive) and t.integral:
                n = MODES[mode]
                if n == 16:
                    t = INT128 if t.signed else UINT128
                else:
                    t = T.primitive(f"{'int' if t.signed else 'uint'}{n * 8}")
            else:
                raise Unsupported(f"mode({mode})")
        if "vector_size" in attrs:
            n = attrs["vector_size"]
            if not isinstance(t, T.Primitive):
                if not (isinstance(t, T.Struct) and getattr(t, "c_opaque", False)):
                    raise Unsupported(f"vector_size on {t}")
                return opaque_sized(f"c_vector_{t.name}_{n // t.size}", n, min(n, 16))
            t = T.vector(t, n // t.bytes)
        return t

    def function_type(self, node: c_ast.FuncDecl) -> T.Function:
        ret = self.type_of(node.type)
        if isinstance(ret, (T.Array, T.Function)):
            raise Unsupported("function returning an array or a function")
        params, varargs = [], False
        args = node.args.params if node.args is not None else None
        if args is None:
            return T.function((), ret, True)          # no prototype: any arguments
        for p in args:
            if isinstance(p, c_ast.EllipsisParam):
                varargs = True
                continue
            if isinstance(p, c_ast.ID):                  # K&R identifier list
                return T.function((), ret, True)
            t = self.type_of(p.type)
            if t is T.UNIT and len(args) == 1:
                break
            if isinstance(t, T.Array):
                t = T.pointer(t.type)
            elif isinstance(t, T.Function):
                t = T.pointer(t)
            params.append(t)
        return T.function(params, ret, varargs)

    # --- enums -----------------------------------------------------------
    def enum_type(self, node: c_ast.Enum) -> T.Type:
        if node.values is None:
            found = self.tags.get(("enum", node.name))
            return found if found is not None else T.primitive("uint32")
        value, values = -1, []
        for e in node.values.enumerators:
            value = self.eval(e.value) if e.value is not None else value + 1
            self.consts[e.name] = value
            values.append(value)
        lo, hi = min(values, default=0), max(values, default=0)
        if lo >= 0:
            t = T.primitive("uint32" if hi < 2 ** 32 else "uint64")
        else:
            t = T.primitive("int32" if lo >= -2 ** 31 and hi < 2 ** 31 else "int64")
        for e, v in zip(node.values.enumerators, values):
            # constants are C ints (truncated, LANGUAGE.md §11)
            v32 = v & 0xFFFFFFFF
            self.result.enum_constants[e.name] = v32 - 2 ** 32 if v32 >= 2 ** 31 else v32
        if node.name:
            self.tags[("enum", node.name)] = t
            self.result.tagged[node.name] = t
        return t

    # --- structs ---------------------------------------------------------
    def struct_type(self, node) -> T.Struct:
        kind = "union" if isinstance(node, c_ast.Union) else "struct"
        tag = node.name
        if node.decls is None:
            found = self.tags.get((kind, tag))
            if found is None:
                found, _ = interned_struct(tag, (kind, tag, None))
                self.register(kind, tag, found)
            return found
        if tag:
            self.defined_tags.add((kind, tag))
        digest = hashlib.sha1(self.canonical(node).encode()).hexdigest()
        key = (kind, tag, digest)
        s = _MEMO.get(key)
        if s is not None:
            if tag:
                self.register(kind, tag, s)
            return s
        old = self.tags.get((kind, tag)) if tag else None
        if old is None and tag:
            old = _OPAQUE.get((kind, tag))
        s = old if (old is not None and old.fields is None) else T.Struct(tag)
        if tag:
            s.c_key = key
            self.register(kind, tag, s)
        _MEMO[key] = s
        try:
            self.layout(s, node, kind)
        except Exception:
            del _MEMO[key]
            raise
        if tag:
            _BY_TAG[(kind, tag)] = s
        return s

    def canonical(self, node) -> str:
        """The declaration's C text, with marker numbers replaced by what they mean."""
        text = _generator.visit(node)
        return _MARKER_RE.sub(lambda m: repr(sorted(self.attrs.get(int(m.group(1)), {}).items(),
                                                    key=str)), text)

    def register(self, kind, tag, s):
        self.tags[(kind, tag)] = s
        if not tag.startswith("__terrapy"):
            self.result.tagged[tag] = s

    def members(self, node):
        """(name, decl, attrs) for the members, reading the marker declarations."""
        struct_attrs, pending, out = {}, {}, []
        for d in node.decls:
            m = self.marker(d)
            if m is not None:
                if m.get("struct"):
                    struct_attrs.update(m)
                else:
                    pending = m
                continue
            out.append((d, pending))
            pending = {}
        return struct_attrs, out

    def layout(self, s: T.Struct, node, kind):
        sattrs, members = self.members(node)
        packed = bool(sattrs.get("packed"))
        pack = sattrs.get("pack")
        is_union = kind == "union"
        fields: list[T.Field] = []
        bitfields: dict[str, BitField] = {}
        spans: list[tuple[int, int]] = []      # bit ranges used by bitfields
        bitpos, size_bits, align = 0, 0, 1
        for d, fattrs in members:
            t = self.apply_type_attrs(self.type_of(d.type), fattrs)
            if t is T.UNIT or isinstance(t, T.Function):
                raise Unsupported(f"member {d.name} has type {t}")
            tsize = T.size_of(t)
            talign = T.align_of(t)
            talign = max(talign, self.declared_align(d.type))
            falign = 1 if (packed or fattrs.get("packed")) else talign
            if "aligned" in fattrs:
                falign = max(falign, fattrs["aligned"])
            if pack:
                falign = min(falign, pack)
            if is_union:
                bitpos = 0
            if d.bitsize is not None:
                width = self.eval(d.bitsize)
                if width == 0:
                    bitpos = T.round_up(bitpos, talign * 8)
                    size_bits = max(size_bits, bitpos)
                    continue
                if not (packed or fattrs.get("packed")) and not pack:
                    if bitpos % (talign * 8) + width > tsize * 8:
                        bitpos = T.round_up(bitpos, talign * 8)
                elif pack and pack > 1:
                    ua = min(talign, pack) * 8
                    if bitpos % ua + width > tsize * 8:
                        bitpos = T.round_up(bitpos, ua)
                if d.name:
                    bitfields[d.name] = BitField(d.name, t, bitpos, width)
                    align = max(align, falign)
                spans.append((bitpos, bitpos + width))
                bitpos += width
                size_bits = max(size_bits, bitpos)
                continue
            offset = T.round_up((bitpos + 7) // 8, falign)
            align = max(align, falign)
            if d.name is None:
                if not isinstance(t, T.Struct):
                    raise Unsupported("unnamed member")
                self.anonymous_member(fields, bitfields, t, offset)
            else:
                fields.append(T.Field(d.name, t, offset))
            bitpos = (offset + tsize) * 8
            size_bits = max(size_bits, bitpos)
        if "aligned" in sattrs:
            align = max(align, sattrs["aligned"])
        size = T.round_up((size_bits + 7) // 8, align)
        fields = self.add_spans(fields, spans, is_union)
        s.fields, s.size, s.align = fields, size, align
        s.c_bitfields = bitfields
        s.c_packed = packed or bool(pack)
        s.c_kind, s.c_tag = kind, node.name

    def declared_align(self, decl_type) -> int:
        """Alignment a typedef with aligned(N) adds to a member of that typedef's type."""
        node = decl_type
        while isinstance(node, c_ast.ArrayDecl):
            node = node.type
        if isinstance(node, c_ast.TypeDecl) and isinstance(node.type, c_ast.IdentifierType):
            names = node.type.names
            if len(names) == 1:
                return self.typedef_align.get(names[0], 1)
        return 1

    def anonymous_member(self, fields, bitfields, t: T.Struct, offset: int):
        """C11 anonymous struct/union: its members become members of the parent
        when that keeps the field list laid out in order; otherwise one member."""
        inner = [T.Field(f.name, f.type, f.offset + offset) for f in t.fields or ()]
        candidate = fields + inner
        if _in_order(candidate) and not any(f.name in {g.name for g in fields} for f in inner):
            fields.extend(inner)
            for b in getattr(t, "c_bitfields", {}).values():
                bitfields[b.name] = BitField(b.name, b.type, b.bit_offset + offset * 8, b.width)
        else:
            fields.append(T.Field(f"__anon{len(fields)}", t, offset))

    def add_spans(self, fields, spans, is_union):
        """Bitfield storage as uint8[n] members where no named member covers it."""
        if not spans:
            return fields
        covered = set()
        for f in fields:
            covered.update(range(f.offset, f.offset + T.size_of(f.type)))
        used = sorted({b for lo, hi in spans for b in range(lo // 8, (hi + 7) // 8)} - covered)
        if is_union:
            if used:
                fields = fields + [T.Field("__bitfield0", T.array(T.primitive("uint8"), used[-1] + 1), 0)]
            return fields
        runs, start, prev = [], None, None
        for b in used:
            if start is None:
                start = prev = b
            elif b == prev + 1:
                prev = b
            else:
                runs.append((start, prev))
                start = prev = b
        if start is not None:
            runs.append((start, prev))
        out = fields + [T.Field(f"__bitfield{k}", T.array(T.primitive("uint8"), hi - lo + 1), lo)
                        for k, (lo, hi) in enumerate(runs)]
        out.sort(key=lambda f: f.offset)
        return out

    # --- constant expressions ---------------------------------------------
    def eval(self, e) -> int:
        v = self.eval_value(e)
        return int(v)

    def eval_value(self, e):
        if isinstance(e, c_ast.Constant):
            return _constant(e)
        if isinstance(e, c_ast.ID):
            if e.name in self.consts:
                return self.consts[e.name]
            raise Unsupported(f"'{e.name}' is not a constant")
        if isinstance(e, c_ast.UnaryOp):
            if e.op == "sizeof":
                return T.size_of(self.sizeof_type(e.expr))
            if e.op == "_Alignof":
                return T.align_of(self.sizeof_type(e.expr))
            v = self.eval_value(e.expr)
            ops = {"-": lambda x: -x, "+": lambda x: x, "~": lambda x: ~int(x),
                   "!": lambda x: int(not x)}
            if e.op in ops:
                return ops[e.op](v)
            raise Unsupported(f"operator {e.op} in a constant")
        if isinstance(e, c_ast.BinaryOp):
            if e.op == "&&":
                return int(bool(self.eval_value(e.left)) and bool(self.eval_value(e.right)))
            if e.op == "||":
                return int(bool(self.eval_value(e.left)) or bool(self.eval_value(e.right)))
            a, b = self.eval_value(e.left), self.eval_value(e.right)
            return _binary(e.op, a, b)
        if isinstance(e, c_ast.TernaryOp):
            return self.eval_value(e.iftrue if self.eval_value(e.cond) else e.iffalse)
        if isinstance(e, c_ast.Cast):
            v = self.eval_value(e.expr)
            t = self.type_of(e.to_type)
            if isinstance(t, T.Primitive) and t.integral:
                v = int(v) & ((1 << (8 * t.bytes)) - 1)
                if t.signed and v >= 1 << (8 * t.bytes - 1):
                    v -= 1 << (8 * t.bytes)
            elif isinstance(t, T.Primitive) and t.is_float:
                v = float(v)
            return v
        if isinstance(e, c_ast.FuncCall) and isinstance(e.name, c_ast.ID) and e.name.name == "__builtin_offsetof":
            raise Unsupported("__builtin_offsetof")
        raise Unsupported(f"non-constant expression {type(e).__name__}")

    def sizeof_type(self, e):
        if isinstance(e, c_ast.Typename):
            return self.type_of(e.type)
        raise Unsupported("sizeof of an expression")


def _in_order(fields) -> bool:
    """Offsets never go back except for members sharing one offset (a union group)."""
    end = 0
    prev_off = None
    for f in fields:
        if f.offset == prev_off:
            end = max(end, f.offset + T.size_of(f.type))
            continue
        if f.offset < end:
            return False
        prev_off, end = f.offset, f.offset + T.size_of(f.type)
    return True


def _binary(op, a, b):
    if op in ("/", "%"):
        if isinstance(a, float) or isinstance(b, float):
            return a / b if op == "/" else a % b
        q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
        return q if op == "/" else a - q * b
    table = {
        "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
        "<<": lambda: int(a) << int(b), ">>": lambda: int(a) >> int(b),
        "&": lambda: int(a) & int(b), "|": lambda: int(a) | int(b), "^": lambda: int(a) ^ int(b),
        "<": lambda: int(a < b), ">": lambda: int(a > b), "<=": lambda: int(a <= b),
        ">=": lambda: int(a >= b), "==": lambda: int(a == b), "!=": lambda: int(a != b),
    }
    if op not in table:
        raise Unsupported(f"operator {op} in a constant")
    return table[op]()


_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8,
            "f": 12, "v": 11, "?": 63, "e": 27}


def _constant(e: c_ast.Constant):
    v = e.value
    if e.type == "char" or v.startswith("'") or v[:2] in ("L'", "u'", "U'"):
        body = v[v.index("'") + 1:-1]
        if body.startswith("\\"):
            c = body[1:]
            if c[0] == "x":
                return int(c[1:], 16)
            if c[0] in "01234567":
                return int(c, 8)
            return _ESCAPES.get(c[0], ord(c[0]))
        n = ord(body[0])
        return n - 256 if 128 <= n < 256 and not v[0] in "LuU" else n
    s = v.rstrip("uUlL")
    if e.type in ("float", "double", "long double") or ("." in s or ("e" in s.lower() and not s.lower().startswith("0x"))):
        return float(s.rstrip("fF"))
    if s.lower().startswith("0x"):
        return int(s, 16)
    if s.lower().startswith("0b"):
        return int(s, 2)
    if len(s) > 1 and s.startswith("0"):
        return int(s, 8)
    return int(s)


def _why(e: Exception) -> str:
    if isinstance(e, T.IncompleteType):
        return f"uses incomplete type {e.struct}"
    return str(e) or type(e).__name__


def translate(ast: c_ast.FileAST, cleaned: gnuc.Cleaned | None = None) -> model.CImport:
    tr = Translator(cleaned.attrs if cleaned else {})
    result = tr.translate(ast, cleaned.bodies if cleaned else ())
    if cleaned:
        result.notes[:0] = cleaned.notes
    result.c_definitions = tr.bodies     # name -> original text of definitions with bodies
    result.c_typedef_align = {n: a for n, a in tr.typedef_align.items()
                              if not isinstance(tr.typedefs.get(n), T.Struct)}
    result.c_defined_tags = tr.defined_tags   # (kind, tag) whose definition this import read
    return result
