"""Object-like `#define` constants of a header, as terra constants.

`harvest` asks the system preprocessor for every macro (`gcc -dM -E`),
expands each object-like macro's body (object-like and function-like macros,
with `#`, `##` and the hide sets of the C standard, so recursion terminates),
then evaluates the expansion as a C constant expression with C's typing rules
(x86-64 Linux, LP64): integer literals typed by C11 6.4.4.1, the integer
promotions and usual arithmetic conversions, unsigned wrap-around, casts to
scalar types and the standard typedef names, `sizeof` of basic types,
floating literals (double, `f` float), character and string literals, and the
`__builtin_inf`/`nan`/`huge_val` family. A macro whose expansion is not such
a constant (a function call, an unknown identifier, a brace initializer,
a `long double`, ...) is skipped.

Nothing here imports lupa or llvmlite; values are Python ints, floats and
bytes, and types are `terrapy.types` objects.
"""
from __future__ import annotations

import math
import os
import re
import struct
import subprocess
from typing import Mapping

from .. import types
from .model import CMacro


class MacroHarvestError(RuntimeError):
    """The preprocessor failed on the header; the message names it and shows gcc's output."""


class _Skip(Exception):
    """This macro is not a constant expression we can evaluate."""


# ---------------------------------------------------------------- harvesting

_DEFINE = re.compile(r"#define\s+([A-Za-z_$][\w$]*)(\(([^)]*)\))?[ \t]?(.*)")


def harvest(header_or_code: str, is_code: bool, include_path: list[str], flags: list[str],
            cc: str = os.environ.get("CC", "gcc"), *,
            enum_constants: Mapping[str, int] | None = None,
            typedefs: Mapping[str, types.Type] | None = None) -> dict[str, CMacro]:
    """Every object-like macro of the header (or code) that is a C constant.

    Optional: `enum_constants` (name -> value, typed int) lets a macro that names
    an enum constant (`#define SOCK_STREAM SOCK_STREAM`) evaluate; `typedefs`
    (name -> terra type, from the translated header) lets casts such as
    `((Uint32)0xFFFFFFFFu)` or `((sqlite3_destructor_type)0)` evaluate."""
    if is_code:
        source, what = header_or_code, "<includecstring>"
    else:
        h = header_or_code.strip()
        source = f"#include {h}\n" if h[:1] in "<\"" else f"#include <{h}>\n"
        what = h
    argv = [cc, "-dM", "-E", "-U_FORTIFY_SOURCE"]
    argv += [f"-I{p}" for p in include_path if p]
    argv += list(flags) + ["-x", "c", "-"]
    proc = subprocess.run(argv, input=source, capture_output=True, text=True)
    if proc.returncode != 0:
        raise MacroHarvestError(f"includec: preprocessing {what} failed:\n{proc.stderr.strip()}")
    return evaluate_definitions(proc.stdout, enum_constants, typedefs)


def parse_definitions(dm_output: str):
    """`gcc -dM` output -> (object-like {name: tokens}, function-like {name: (params, variadic, tokens)})."""
    objects, functions = {}, {}
    for line in dm_output.splitlines():
        m = _DEFINE.match(line)
        if not m:
            continue
        name, has_params, params, body = m.group(1), m.group(2), m.group(3), m.group(4)
        try:
            toks = tokenize(body)
        except _Skip:
            objects.pop(name, None)
            functions.pop(name, None)
            continue
        if has_params is None:
            functions.pop(name, None)
            objects[name] = toks
        else:
            names = [p.strip() for p in params.split(",")] if params.strip() else []
            variadic = False
            if names and names[-1].endswith("..."):
                variadic = True
                last = names[-1][:-3].strip()
                names[-1] = last or "__VA_ARGS__"
            objects.pop(name, None)
            functions[name] = (names, variadic, toks)
    return objects, functions


def evaluate_definitions(dm_output: str, enum_constants=None, typedefs=None) -> dict[str, CMacro]:
    objects, functions = parse_definitions(dm_output)
    env = _Env(enum_constants, typedefs)
    expander = _Expander(objects, functions)
    result = {}
    for name, body in objects.items():
        if not body:
            continue
        try:
            expanded = expander.expand([_Tok(t.kind, t.text, frozenset((name,)), t.sp) for t in body])
            macro = evaluate_tokens(name, expanded, env)
        except (_Skip, RecursionError):
            continue
        if macro is not None:
            result[name] = macro
    return result


# ---------------------------------------------------------------- pp-tokens

class _Tok:
    __slots__ = ("kind", "text", "hs", "sp")

    def __init__(self, kind, text, hs=frozenset(), sp=False):
        self.kind, self.text, self.hs, self.sp = kind, text, hs, sp

    def __repr__(self):
        return f"{self.kind}:{self.text}"


_PUNCTS = ["%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
           "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%",
           "%>", "%:"]
_PP = re.compile(r"""
    (?P<ws>\s+)
  | (?P<str>(?:u8|[uUL])?"(?:\\.|[^"\\\n])*")
  | (?P<char>(?:u8|[uUL])?'(?:\\.|[^'\\\n])*')
  | (?P<num>\.?\d(?:[eEpP][+-]|[.\w$])*)
  | (?P<id>[A-Za-z_$][\w$]*)
  | (?P<punct>""" + "|".join(re.escape(p) for p in _PUNCTS) + r"""|[^\s\w])
""", re.X)


def tokenize(text: str) -> list[_Tok]:
    toks, pos, sp = [], 0, False
    while pos < len(text):
        m = _PP.match(text, pos)
        if m is None:
            raise _Skip(f"bad character {text[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            sp = True
            continue
        toks.append(_Tok(kind, m.group(), frozenset(), sp))
        sp = False
    return toks


# ---------------------------------------------------------------- expansion

_PLACEMARKER = _Tok("placemarker", "")
_STEP_LIMIT = 20000


class _Expander:
    """Macro replacement with per-token hide sets (Prosser's algorithm)."""

    def __init__(self, objects, functions):
        self.objects, self.functions = objects, functions

    def expand(self, ts: list[_Tok]) -> list[_Tok]:
        self.steps = 0
        return self._expand(ts)

    def _expand(self, ts):
        ts = list(reversed(ts))        # a stack: the next token is ts[-1]
        out = []
        while ts:
            self.steps += 1
            if self.steps > _STEP_LIMIT:
                raise _Skip("expansion too long")
            t = ts.pop()
            if t.kind == "id" and t.text not in t.hs:
                name = t.text
                if name in self.objects:
                    body = self._subst(self.objects[name], {}, [], t.hs | {name}, t.sp)
                    ts.extend(reversed(body))
                    continue
                if name in self.functions and ts and ts[-1].text == "(":
                    args, rparen = self._collect_args(ts)
                    if args is not None:
                        params, variadic, body = self.functions[name]
                        bound = self._bind(name, params, variadic, args)
                        hs = (t.hs & rparen.hs) | {name}
                        ts.extend(reversed(self._subst(body, bound, params, hs, t.sp,
                                                       variadic)))
                        continue
            out.append(t)
        return out

    @staticmethod
    def _collect_args(ts):
        """Pop `( ... )` from the stack; (args, rparen) or (None, None) if incomplete."""
        depth, args, cur, i = 0, [], [], len(ts) - 1
        while i >= 0:
            t = ts[i]
            if t.text == "(" and t.kind == "punct":
                depth += 1
                if depth > 1:
                    cur.append(t)
            elif t.text == ")" and t.kind == "punct":
                depth -= 1
                if depth == 0:
                    args.append(cur)
                    del ts[i:]
                    return args, t
                cur.append(t)
            elif t.text == "," and t.kind == "punct" and depth == 1:
                args.append(cur)
                cur = []
            else:
                cur.append(t)
            i -= 1
        return None, None

    @staticmethod
    def _bind(name, params, variadic, args):
        if not params and args == [[]]:
            return {}
        if variadic:
            fixed = len(params) - 1
            if len(args) < fixed:
                raise _Skip(f"too few arguments to {name}")
            rest = []
            for k, a in enumerate(args[fixed:]):
                if k:
                    rest.append(_Tok("punct", ",", frozenset(), False))
                rest.extend(a)
            args = args[:fixed] + [rest]
        if len(args) != len(params):
            raise _Skip(f"wrong number of arguments to {name}")
        return dict(zip(params, args))

    def _subst(self, body, bound, params, hs, sp, variadic=False):
        out: list[_Tok] = []
        n = len(body)
        i = 0
        expanded_cache = {}
        while i < n:
            t = body[i]
            nxt = body[i + 1] if i + 1 < n else None
            if t.text in ("#", "%:") and t.kind == "punct" and params and nxt is not None \
                    and nxt.kind == "id" and nxt.text in params:
                out.append(_stringize(bound[nxt.text], t.sp))
                i += 2
                continue
            if t.text in ("##", "%:%:") and t.kind == "punct" and out and nxt is not None:
                # rhs operand: raw argument tokens, or the token itself
                if nxt.kind == "id" and nxt.text in params:
                    rhs = list(bound[nxt.text])
                    if variadic and nxt.text == params[-1] and out[-1].text == ",":
                        if not rhs:        # GNU `, ## __VA_ARGS__`: drop the comma ...
                            out.pop()
                        out.extend(rhs)    # ... or keep it, with no pasting
                        i += 2
                        continue
                else:
                    rhs = [nxt]
                lhs = out.pop()
                if lhs is _PLACEMARKER:
                    out.extend(rhs if rhs else [_PLACEMARKER])
                elif not rhs:
                    out.append(lhs)
                else:
                    out.append(_paste(lhs, rhs[0]))
                    out.extend(rhs[1:])
                i += 2
                continue
            if t.kind == "id" and t.text in params:
                if nxt is not None and nxt.text in ("##", "%:%:"):
                    raw = bound[t.text]
                    out.extend(raw if raw else [_PLACEMARKER])
                else:
                    key = t.text
                    if key not in expanded_cache:
                        expanded_cache[key] = self._expand(bound[key])
                    out.extend(expanded_cache[key])
                i += 1
                continue
            out.append(t)
            i += 1
        result = []
        for k, t in enumerate(tok for tok in out if tok is not _PLACEMARKER):
            result.append(_Tok(t.kind, t.text, t.hs | hs, sp if k == 0 else t.sp))
        return result


def _stringize(arg, sp):
    parts = []
    for k, t in enumerate(arg):
        text = t.text
        if t.kind in ("str", "char"):
            text = text.replace("\\", "\\\\").replace('"', '\\"')
        parts.append((" " if k and t.sp else "") + text)
    return _Tok("str", '"' + "".join(parts) + '"', frozenset(), sp)


def _paste(a, b):
    toks = tokenize(a.text + b.text)
    if len(toks) != 1:
        raise _Skip(f"pasting {a.text!r} and {b.text!r} is not a token")
    return _Tok(toks[0].kind, toks[0].text, a.hs & b.hs, a.sp)


# ---------------------------------------------------------------- C types

class CType:
    __slots__ = ("kind", "name", "bits", "signed", "rank", "pointee")

    def __init__(self, kind, name, bits=0, signed=False, rank=0, pointee=None):
        self.kind, self.name, self.bits = kind, name, bits
        self.signed, self.rank, self.pointee = signed, rank, pointee

    def __repr__(self):
        return self.name


def _int(name, bits, signed, rank):
    return CType("int", name, bits, signed, rank)


BOOL = _int("_Bool", 8, False, 0)
CHAR = _int("char", 8, True, 1)          # char is signed on x86-64
SCHAR = _int("signed char", 8, True, 1)
UCHAR = _int("unsigned char", 8, False, 1)
SHORT = _int("short", 16, True, 2)
USHORT = _int("unsigned short", 16, False, 2)
INT = _int("int", 32, True, 3)
UINT = _int("unsigned int", 32, False, 3)
LONG = _int("long", 64, True, 4)
ULONG = _int("unsigned long", 64, False, 4)
LLONG = _int("long long", 64, True, 5)
ULLONG = _int("unsigned long long", 64, False, 5)
FLOAT = CType("float", "float", 32)
DOUBLE = CType("float", "double", 64)
LDOUBLE = CType("float", "long double", 80)
STRING = CType("str", "char[]")
_UNSIGNED_OF = {SCHAR: UCHAR, CHAR: UCHAR, SHORT: USHORT, INT: UINT, LONG: ULONG, LLONG: ULLONG}


def _ptr(pointee_terra, name="pointer"):
    return CType("ptr", name, 64, False, 0, pointee_terra)


# the standard typedef names on x86-64 Linux (glibc)
TYPEDEFS = {
    "size_t": ULONG, "ssize_t": LONG, "ptrdiff_t": LONG, "intptr_t": LONG, "uintptr_t": ULONG,
    "intmax_t": LONG, "uintmax_t": ULONG, "wchar_t": INT, "wint_t": UINT,
    "char16_t": USHORT, "char32_t": UINT, "off_t": LONG, "off64_t": LONG, "time_t": LONG,
    "clock_t": LONG, "suseconds_t": LONG, "pid_t": INT, "uid_t": UINT, "gid_t": UINT,
    "mode_t": UINT, "dev_t": ULONG, "ino_t": ULONG, "nlink_t": ULONG, "blksize_t": LONG,
    "blkcnt_t": LONG, "socklen_t": UINT, "sa_family_t": USHORT, "in_addr_t": UINT,
    "in_port_t": USHORT, "sig_atomic_t": INT, "bool": BOOL,
    "__size_t": ULONG, "__ssize_t": LONG, "__off_t": LONG, "__off64_t": LONG,
    "__time_t": LONG, "__pid_t": INT, "__uid_t": UINT, "__gid_t": UINT, "__mode_t": UINT,
    "__socklen_t": UINT, "__intmax_t": LONG, "__uintmax_t": ULONG, "__intptr_t": LONG,
    "__sig_atomic_t": INT, "__clock_t": LONG, "__suseconds_t": LONG, "__dev_t": ULONG,
    "__ino_t": ULONG, "__nlink_t": ULONG, "__blksize_t": LONG, "__blkcnt_t": LONG,
    "__clockid_t": INT, "clockid_t": INT, "__key_t": INT, "key_t": INT,
}
for _bits, _s, _u in [(8, SCHAR, UCHAR), (16, SHORT, USHORT), (32, INT, UINT), (64, LONG, ULONG)]:
    for _pre in ("", "__"):
        TYPEDEFS[f"{_pre}int{_bits}_t"] = _s
        TYPEDEFS[f"{_pre}uint{_bits}_t"] = _u
        TYPEDEFS[f"{_pre}u_int{_bits}_t"] = _u
        TYPEDEFS[f"{_pre}int_least{_bits}_t"] = _s
        TYPEDEFS[f"{_pre}uint_least{_bits}_t"] = _u
    TYPEDEFS[f"int_fast{_bits}_t"] = _s if _bits == 8 else LONG
    TYPEDEFS[f"uint_fast{_bits}_t"] = _u if _bits == 8 else ULONG
del _bits, _s, _u, _pre

_SPECIFIERS = {"void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
               "_Bool", "__signed", "__signed__", "__unsigned__"}
_QUALIFIERS = {"const", "volatile", "restrict", "__const", "__const__", "__volatile",
               "__volatile__", "__restrict", "__restrict__"}

_TERRA_INT = {(8, True): "int8", (16, True): "int16", (32, True): "int32", (64, True): "int64",
              (8, False): "uint8", (16, False): "uint16", (32, False): "uint32",
              (64, False): "uint64"}


def terra_type(t: CType) -> types.Type:
    if t is BOOL:
        return types.primitive("bool")
    if t.kind == "int":
        return types.primitive(_TERRA_INT[t.bits, t.signed])
    if t is FLOAT:
        return types.primitive("float")
    if t is DOUBLE:
        return types.primitive("double")
    if t.kind == "ptr":
        return types.pointer(t.pointee)
    if t.kind == "str":
        return types.pointer(types.primitive("int8"))
    raise _Skip(f"no terra type for {t.name}")


def _from_specifiers(words):
    if not words:
        raise _Skip("no type specifier")
    count = {w: words.count(w) for w in set(words)}
    signed = "signed" in count or "__signed" in count or "__signed__" in count
    unsigned = "unsigned" in count or "__unsigned__" in count
    longs = count.get("long", 0)
    base = [w for w in words if w in ("void", "char", "short", "int", "float", "double", "_Bool")]
    if base.count("int") > 1 or len(set(base) - {"int"}) > 1:
        raise _Skip("bad type")
    b = next((w for w in base if w != "int"), "int" if (base or signed or unsigned or longs) else None)
    if b == "void":
        return None
    if b == "_Bool":
        return BOOL
    if b == "float":
        return FLOAT
    if b == "double":
        return LDOUBLE if longs else DOUBLE
    if b == "char":
        return UCHAR if unsigned else SCHAR if signed else CHAR
    if b == "short":
        return USHORT if unsigned else SHORT
    if longs >= 2:
        return ULLONG if unsigned else LLONG
    if longs == 1:
        return ULONG if unsigned else LONG
    return UINT if unsigned else INT


# ---------------------------------------------------------------- values

class Value:
    __slots__ = ("value", "type")

    def __init__(self, value, type_):
        self.value, self.type = value, type_


def _wrap(v: int, t: CType) -> int:
    if t is BOOL:
        return 1 if v else 0
    mask = (1 << t.bits) - 1
    v &= mask
    if t.signed and v >> (t.bits - 1):
        v -= 1 << t.bits
    return v


def _to_float32(x: float) -> float:
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def _make(v, t: CType) -> Value:
    if t.kind == "int" or t.kind == "ptr":
        return Value(_wrap(int(v), t) if t.kind == "int" else int(v) & (2 ** 64 - 1), t)
    if t is FLOAT:
        return Value(_to_float32(float(v)), t)
    return Value(float(v), t)


def _promote(t: CType) -> CType:
    return INT if t.kind == "int" and t.rank < INT.rank else t


def _arith(a: CType, b: CType) -> CType:
    """The usual arithmetic conversions."""
    if a.kind not in ("int", "float") or b.kind not in ("int", "float"):
        raise _Skip("operand is not arithmetic")
    if a.kind == "float" or b.kind == "float":
        order = [LDOUBLE, DOUBLE, FLOAT]
        for f in order:
            if a is f or b is f:
                return f
    a, b = _promote(a), _promote(b)
    if a is b:
        return a
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    u, s = (a, b) if not a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.bits > u.bits:
        return s
    return _UNSIGNED_OF[s]


def _convert(v: Value, t: CType) -> Value:
    src = v.type
    if src.kind == "str":
        raise _Skip("string in arithmetic")
    if t.kind == "int":
        if src.kind == "float":
            x = v.value
            if t is BOOL:
                return Value(1 if x != 0 else 0, t)
            if math.isnan(x) or math.isinf(x):
                raise _Skip("non-finite to integer")
            i = math.trunc(x)
            lo, hi = (-(1 << (t.bits - 1)), (1 << (t.bits - 1)) - 1) if t.signed else (0, (1 << t.bits) - 1)
            if not lo <= i <= hi:
                raise _Skip("float out of the integer's range")
            return Value(i, t)
        if t is BOOL:
            return Value(1 if v.value else 0, t)
        return Value(_wrap(v.value, t), t)
    if t.kind == "float":
        if src.kind == "ptr":
            raise _Skip("pointer to float")
        return _make(float(v.value), t)
    if t.kind == "ptr":
        if src.kind == "float":
            raise _Skip("float to pointer")
        return _make(v.value, t)
    raise _Skip("bad conversion")


def _truthy(v: Value) -> bool:
    if v.type.kind == "str":
        return True
    return v.value != 0


# ---------------------------------------------------------------- literals

_INT_LIT = re.compile(r"(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)([uUlL]*)\Z")
_DEC_FLOAT = re.compile(r"((?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?)([a-zA-Z0-9]*)\Z")
_HEX_FLOAT = re.compile(r"(0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+)([a-zA-Z0-9]*)\Z")
_INT_CANDIDATES = {
    # suffix: (candidates for decimal, candidates for hex/octal/binary)
    "": ([INT, LONG, LLONG], [INT, UINT, LONG, ULONG, LLONG, ULLONG]),
    "u": ([UINT, ULONG, ULLONG], [UINT, ULONG, ULLONG]),
    "l": ([LONG, LLONG], [LONG, ULONG, LLONG, ULLONG]),
    "ul": ([ULONG, ULLONG], [ULONG, ULLONG]),
    "ll": ([LLONG], [LLONG, ULLONG]),
    "ull": ([ULLONG], [ULLONG]),
}
_FLOAT_SUFFIX = {"": DOUBLE, "f": FLOAT, "l": LDOUBLE, "f32": FLOAT, "f64": DOUBLE,
                 "f32x": DOUBLE, "f64x": LDOUBLE}


def _fits(v, t):
    if t.signed:
        return -(1 << (t.bits - 1)) <= v < (1 << (t.bits - 1))
    return 0 <= v < (1 << t.bits)


def parse_number(text: str) -> Value:
    m = _INT_LIT.match(text)
    if m:
        digits, suffix = m.groups()
        s = suffix.lower()
        if suffix.count("l") + suffix.count("L") == 2 and "ll" not in suffix and "LL" not in suffix:
            raise _Skip("bad suffix")
        s = "".join(sorted(s, key=lambda c: c != "u"))      # "lu" -> "ul", "llu" -> "ull"
        if s not in _INT_CANDIDATES:
            raise _Skip(f"bad integer suffix {suffix!r}")
        if digits[:2] in ("0x", "0X"):
            v, decimal = int(digits[2:], 16), False
        elif digits[:2] in ("0b", "0B"):
            v, decimal = int(digits[2:], 2), False
        elif len(digits) > 1 and digits[0] == "0":
            if any(c in "89" for c in digits):
                raise _Skip("bad octal literal")
            v, decimal = int(digits, 8), False
        else:
            v, decimal = int(digits), True
        candidates = _INT_CANDIDATES[s][0 if decimal else 1]
        for t in candidates:
            if _fits(v, t):
                return Value(v, t)
        if v < 1 << 64:
            return Value(v, ULLONG)        # gcc: "so large that it is unsigned"
        raise _Skip("integer literal too large")
    m = _HEX_FLOAT.match(text)
    if m:
        body, suffix = m.groups()
        x = float.fromhex(body)
    else:
        m = _DEC_FLOAT.match(text)
        if not m:
            raise _Skip(f"bad number {text!r}")
        body, suffix = m.groups()
        x = float(body)
    t = _FLOAT_SUFFIX.get(suffix.lower())
    if t is None:
        raise _Skip(f"unsupported floating suffix {suffix!r}")
    return _make(x, t)


_SIMPLE_ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "e": 27, "E": 27,
                   "\\": 92, "'": 39, '"': 34, "?": 63}


def _unescape(body: str) -> list[int]:
    """The code units of a character or string literal body (without quotes)."""
    out, i, n = [], 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out.extend(c.encode("utf-8"))
            i += 1
            continue
        i += 1
        if i >= n:
            raise _Skip("bad escape")
        c = body[i]
        if c in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[c])
            i += 1
        elif c in "01234567":
            j = i
            while j < n and j < i + 3 and body[j] in "01234567":
                j += 1
            out.append(int(body[i:j], 8) & 0xFF)
            i = j
        elif c == "x":
            j = i + 1
            while j < n and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise _Skip("bad hex escape")
            out.append(int(body[i + 1:j], 16) & 0xFF)
            i = j
        else:
            raise _Skip(f"unsupported escape \\{c}")
    return out


def parse_char(text: str) -> Value:
    if text[0] != "'":
        raise _Skip("wide character literal")
    units = _unescape(text[1:-1])
    if not units:
        raise _Skip("empty character literal")
    if len(units) == 1:
        return Value(_wrap(units[0], CHAR), INT)     # char is signed: '\xff' == -1
    v = 0
    for u in units:                                  # gcc's multi-character constants
        v = (v << 8) | u
    return Value(_wrap(v, INT), INT)


def parse_string(text: str) -> bytes:
    if text.startswith("u8"):
        text = text[2:]
    if text[0] != '"':
        raise _Skip("wide string literal")
    return bytes(_unescape(text[1:-1]))


# ---------------------------------------------------------------- expression evaluator

_BINARY = {"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7,
           "<=": 7, ">=": 7, "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10}
_IGNORED = {"__extension__"}
_BUILTIN_CONSTANTS = {
    "__builtin_huge_val": (math.inf, DOUBLE), "__builtin_huge_valf": (math.inf, FLOAT),
    "__builtin_inf": (math.inf, DOUBLE), "__builtin_inff": (math.inf, FLOAT),
    "__builtin_nan": (math.nan, DOUBLE), "__builtin_nanf": (math.nan, FLOAT),
    "__builtin_nans": (math.nan, DOUBLE), "__builtin_nansf": (math.nan, FLOAT),
    "__builtin_huge_valf32": (math.inf, FLOAT), "__builtin_huge_valf64": (math.inf, DOUBLE),
    "__builtin_inff32": (math.inf, FLOAT), "__builtin_inff64": (math.inf, DOUBLE),
    "__builtin_nanf32": (math.nan, FLOAT), "__builtin_nanf64": (math.nan, DOUBLE),
}
def _sizeof(t: CType | None) -> int:
    if t is None:
        return 1                      # gcc: sizeof(void) == 1
    if t.kind == "int":
        return t.bits // 8
    if t is LDOUBLE:
        return 16
    if t.kind == "float":
        return t.bits // 8
    return 8


def _alignof(t: CType | None) -> int:
    return _sizeof(t)


def _ctype_of(t: types.Type) -> CType:
    if isinstance(t, types.Primitive):
        if t.logical:
            return BOOL
        if t.is_float:
            return FLOAT if t.bytes == 4 else DOUBLE
        return {(1, True): SCHAR, (2, True): SHORT, (4, True): INT, (8, True): LONG,
                (1, False): UCHAR, (2, False): USHORT, (4, False): UINT,
                (8, False): ULONG}[t.bytes, t.signed]
    if isinstance(t, types.Pointer):
        return _ptr(t.type)
    raise _Skip(f"cast to {t}")


class _Env:
    """What the translated header adds: enum constants and typedef names."""

    def __init__(self, enum_constants=None, typedefs=None):
        self.enums = dict(enum_constants or {})
        self.typedefs = dict(TYPEDEFS)
        for name, t in (typedefs or {}).items():
            try:
                self.typedefs[name] = _ctype_of(t)
            except (_Skip, KeyError):
                pass


_DEFAULT_ENV = _Env()


class _Parser:
    def __init__(self, toks: list[_Tok], env: _Env = _DEFAULT_ENV):
        self.env = env
        self.toks = [t for t in toks if not (t.kind == "id" and t.text in _IGNORED)]
        self.i = 0
        self.live = True              # False inside the unevaluated arm of && || ?:

    # -- token helpers
    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self):
        t = self.peek()
        if t is None:
            raise _Skip("unexpected end")
        self.i += 1
        return t

    def expect(self, text):
        t = self.next()
        if t.text != text or t.kind not in ("punct",):
            raise _Skip(f"expected {text!r}")

    def at(self, text):
        t = self.peek()
        return t is not None and t.kind == "punct" and t.text == text

    # -- grammar
    def parse(self) -> Value:
        v = self.conditional()
        if self.peek() is not None:
            raise _Skip(f"unexpected {self.peek().text!r}")
        return v

    def conditional(self) -> Value:
        cond = self.binary(1)
        if not self.at("?"):
            return cond
        self.next()
        live = self.live
        take = _truthy(cond)
        self.live = live and take
        a = self.conditional()
        self.expect(":")
        self.live = live and not take
        b = self.conditional()
        self.live = live
        if a.type.kind in ("int", "float") and b.type.kind in ("int", "float"):
            t = _arith(a.type, b.type)
            return _convert(a if take else b, t)
        if a.type.kind == b.type.kind == "ptr" or a.type.kind == b.type.kind == "str":
            return a if take else b
        raise _Skip("mismatched ?: arms")

    def binary(self, minprec) -> Value:
        left = self.unary()
        while True:
            t = self.peek()
            if t is None or t.kind != "punct" or t.text not in _BINARY:
                return left
            prec = _BINARY[t.text]
            if prec < minprec:
                return left
            self.next()
            op = t.text
            if op in ("&&", "||"):
                live = self.live
                lt = _truthy(left)
                self.live = live and (lt if op == "&&" else not lt)
                right = self.binary(prec + 1)
                self.live = live
                if op == "&&":
                    left = Value(1 if lt and _truthy(right) else 0, INT)
                else:
                    left = Value(1 if lt or _truthy(right) else 0, INT)
                continue
            right = self.binary(prec + 1)
            left = self.apply(op, left, right)

    def apply(self, op, a: Value, b: Value) -> Value:
        if a.type.kind not in ("int", "float") or b.type.kind not in ("int", "float"):
            raise _Skip(f"operator {op} on a non-arithmetic operand")
        if op in ("<<", ">>"):
            if a.type.kind != "int" or b.type.kind != "int":
                raise _Skip("shift of a non-integer")
            t = _promote(a.type)
            x, n = _convert(a, t).value, b.value
            if n < 0 or n >= t.bits:
                if not self.live:
                    return Value(0, t)
                raise _Skip("shift count out of range")
            return Value(_wrap(x << n if op == "<<" else x >> n, t), t)
        t = _arith(a.type, b.type)
        x, y = _convert(a, t).value, _convert(b, t).value
        if op in ("==", "!=", "<", ">", "<=", ">="):
            r = {"==": x == y, "!=": x != y, "<": x < y, ">": x > y, "<=": x <= y,
                 ">=": x >= y}[op]
            return Value(1 if r else 0, INT)
        if t.kind == "float":
            if op in ("%", "&", "|", "^"):
                raise _Skip(f"operator {op} on a floating operand")
            if op == "+":
                r = x + y
            elif op == "-":
                r = x - y
            elif op == "*":
                r = x * y
            else:
                if y == 0:
                    r = math.nan if x == 0 or math.isnan(x) else math.copysign(math.inf, x) * math.copysign(1, y)
                else:
                    r = x / y
            return _make(r, t)
        if op in ("/", "%"):
            if y == 0:
                if not self.live:
                    return Value(0, t)
                raise _Skip("division by zero")
            q = abs(x) // abs(y)
            if (x < 0) != (y < 0):
                q = -q
            r = q if op == "/" else x - q * y
        else:
            r = {"+": x + y, "-": x - y, "*": x * y, "&": x & y, "|": x | y, "^": x ^ y}[op]
        return Value(_wrap(r, t), t)

    def unary(self) -> Value:
        t = self.peek()
        if t is None:
            raise _Skip("unexpected end")
        if t.kind == "punct" and t.text in ("+", "-", "~", "!"):
            self.next()
            v = self.unary()
            if t.text == "!":
                if v.type.kind == "str":
                    return Value(0, INT)
                return Value(0 if v.value else 1, INT)
            if v.type.kind not in ("int", "float"):
                raise _Skip(f"unary {t.text} on a non-arithmetic operand")
            if v.type.kind == "float":
                if t.text == "~":
                    raise _Skip("~ on a floating operand")
                return _make(-v.value if t.text == "-" else v.value, v.type)
            ty = _promote(v.type)
            x = _convert(v, ty).value
            r = x if t.text == "+" else -x if t.text == "-" else ~x
            return Value(_wrap(r, ty), ty)
        if t.kind == "id" and t.text in ("sizeof", "_Alignof", "__alignof__", "__alignof", "alignof"):
            self.next()
            fn = _sizeof if t.text == "sizeof" else _alignof
            if self.at("(") and self.starts_type(1):
                self.next()
                ty = self.type_name()
                self.expect(")")
                return Value(fn(ty), ULONG)
            if t.text != "sizeof":
                raise _Skip("alignof of an expression")
            live = self.live
            self.live = False
            v = self.unary()
            self.live = live
            if v.type.kind == "str":
                return Value(len(v.value) + 1, ULONG)
            return Value(fn(v.type), ULONG)
        if t.kind == "punct" and t.text == "(" and self.starts_type(1):
            self.next()
            ty = self.type_name()
            self.expect(")")
            v = self.unary()
            if ty is None:
                raise _Skip("cast to void")
            return _convert(v, ty)
        return self.postfix()

    def starts_type(self, k) -> bool:
        t = self.peek(k)
        return t is not None and t.kind == "id" and (
            t.text in _SPECIFIERS or t.text in _QUALIFIERS or t.text in self.env.typedefs)

    def type_name(self) -> CType | None:
        words, named = [], None
        while True:
            t = self.peek()
            if t is None or t.kind != "id":
                break
            if t.text in _QUALIFIERS:
                self.next()
            elif t.text in _SPECIFIERS:
                words.append(self.next().text)
            elif t.text in self.env.typedefs and not words and named is None:
                named = self.env.typedefs[self.next().text]
            else:
                break
        if named is not None and words:
            raise _Skip("bad type")
        base = named if named is not None else _from_specifiers(words)
        depth = 0
        while self.at("*"):
            self.next()
            depth += 1
            while self.peek() is not None and self.peek().kind == "id" and self.peek().text in _QUALIFIERS:
                self.next()
        if depth == 0:
            return base
        pointee = types.OPAQUE if base is None else terra_type(base)
        for _ in range(depth - 1):
            pointee = types.pointer(pointee)
        return _ptr(pointee)

    def postfix(self) -> Value:
        v = self.primary()
        t = self.peek()
        if t is not None and t.kind == "punct" and t.text in ("(", "[", ".", "->", "++", "--"):
            raise _Skip(f"postfix {t.text}")
        return v

    def primary(self) -> Value:
        t = self.next()
        if t.kind == "num":
            return parse_number(t.text)
        if t.kind == "char":
            return parse_char(t.text)
        if t.kind == "str":
            data = parse_string(t.text)
            while self.peek() is not None and self.peek().kind == "str":
                data += parse_string(self.next().text)
            return Value(data, STRING)
        if t.kind == "punct" and t.text == "(":
            v = self.conditional()
            self.expect(")")
            return v
        if t.kind == "id" and t.text in _BUILTIN_CONSTANTS:
            self.expect("(")
            if not self.at(")"):
                arg = self.next()
                if arg.kind != "str":
                    raise _Skip("builtin with a non-string argument")
                while self.peek() is not None and self.peek().kind == "str":
                    self.next()
            self.expect(")")
            value, ty = _BUILTIN_CONSTANTS[t.text]
            return Value(value, ty)
        if t.kind == "id" and t.text in self.env.enums:
            return Value(_wrap(int(self.env.enums[t.text]), INT), INT)
        raise _Skip(f"not a constant: {t.text!r}")


def evaluate_tokens(name: str, toks: list[_Tok], env: _Env = _DEFAULT_ENV) -> CMacro | None:
    """Evaluate an expanded macro body; None if it is empty, _Skip if not a constant."""
    if not toks:
        return None
    v = _Parser(toks, env).parse()
    if v.type.kind == "str":
        return CMacro(name, v.value, terra_type(v.type))
    if v.type is LDOUBLE:
        raise _Skip("long double")
    return CMacro(name, v.value, terra_type(v.type))


def evaluate(expression: str, macros: str = "") -> CMacro | None:
    """Evaluate one C constant expression (for tests and callers that have a string);
    `macros` is `#define` lines in `gcc -dM` form that it may use."""
    objects, functions = parse_definitions(macros)
    toks = _Expander(objects, functions).expand(tokenize(expression))
    try:
        return evaluate_tokens("<expr>", toks)
    except _Skip:
        return None
