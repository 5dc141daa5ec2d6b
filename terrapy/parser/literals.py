"""Number and string literals: validation for Lua code, values for terra code."""
from __future__ import annotations

import re

_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HEX = re.compile(r"0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?")

# suffix -> (terra type, allowed in Lua code, integer literals only)
_SUFFIXES = (
    ("ull", "uint64", True, True),
    ("ll", "int64", True, True),
    ("u", "uint32", False, True),
    ("i", None, True, False),       # LuaJIT imaginary literal; not terra
    ("f", "float", False, False),
)


class MalformedNumber(ValueError):
    pass


def split_number(text: str) -> tuple[str, str]:
    """`(digits, suffix)` for a number token; raise MalformedNumber."""
    lower = text.lower()
    is_hex = lower.startswith("0x")
    for suffix, _type, _lua, integer_only in _SUFFIXES:
        if suffix == "f" and is_hex:
            continue   # 'f' is a hex digit
        if lower.endswith(suffix) and len(text) > len(suffix):
            digits = text[: -len(suffix)]
            if _valid_digits(digits, integer_only):
                return digits, suffix
    if _valid_digits(text, False):
        return text, ""
    raise MalformedNumber(text)


def _valid_digits(digits: str, integer_only: bool) -> bool:
    pattern = _HEX if digits[:2].lower() == "0x" else _DECIMAL
    if not pattern.fullmatch(digits):
        return False
    if integer_only:
        return digits[:2].lower() == "0x" and re.fullmatch(r"0[xX][0-9a-fA-F]+", digits) is not None \
            or digits.isdigit()
    return True


def lua_number_ok(text: str) -> bool:
    """Whether LuaJIT accepts the token (Terra's `U` and `f` suffixes it does not)."""
    try:
        _, suffix = split_number(text)
    except MalformedNumber:
        return False
    return next(lua for s, _t, lua, _i in _SUFFIXES if s == suffix) if suffix else True


def terra_number(text: str) -> tuple[int | float, str]:
    """Value and terra type of a number literal in terra code."""
    digits, suffix = split_number(text)
    value = _numeric_value(digits)
    if suffix:
        terra_type = next(t for s, t, _l, _i in _SUFFIXES if s == suffix)
        if terra_type is None:
            raise MalformedNumber(text)
        if terra_type == "float":
            return float(value), "float"
        return int(value), terra_type
    if isinstance(value, int):
        return value, "int" if -2**31 <= value < 2**31 else "int64"
    return value, "double"


def _numeric_value(digits: str) -> int | float:
    lower = digits.lower()
    if lower.startswith("0x"):
        if "." in lower or "p" in lower:
            mantissa, _, exponent = lower[2:].partition("p")
            whole, _, fraction = mantissa.partition(".")
            value = int(whole or "0", 16) + (int(fraction, 16) / 16 ** len(fraction) if fraction else 0)
            return float(value * 2.0 ** int(exponent or "0"))
        return int(lower, 16)
    if re.fullmatch(r"[0-9]+", digits):
        return int(digits)
    return float(digits)


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11,
                   "\\": 92, '"': 34, "'": 39, "\n": 10}


class InvalidEscape(ValueError):
    def __init__(self, offset: int):
        super().__init__(offset)
        self.offset = offset    # where the bad escape ends, within the token


def string_value(token: str) -> bytes:
    """The bytes a Lua string literal denotes (short or long form)."""
    if token.startswith("["):
        level = token.index("[", 1) + 1
        body = token[level:-level]
        if body.startswith("\r\n") or body.startswith("\n\r"):
            body = body[2:]
        elif body.startswith("\n") or body.startswith("\r"):
            body = body[1:]
        return body.encode("utf-8", "surrogateescape")
    return _unescape(token[1:-1])


def _unescape(body: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8", "surrogateescape")
            i += 1
            continue
        i += 1
        kind = body[i] if i < len(body) else ""
        if kind in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[kind])
            i += 1
        elif kind == "z":
            i += 1
            while i < len(body) and body[i] in " \t\r\n\f\v":
                i += 1
        elif kind == "x":
            digits = body[i + 1:i + 3]
            if not re.fullmatch(r"[0-9a-fA-F]{2}", digits):
                raise InvalidEscape(i + 1 + len(digits))
            out.append(int(digits, 16))
            i += 3
        elif kind.isdigit():
            match = re.match(r"[0-9]{1,3}", body[i:])
            value = int(match.group(0))
            if value > 255:
                raise InvalidEscape(i + 1 + len(match.group(0)))
            out.append(value)
            i += len(match.group(0))
        elif kind == "u":
            match = re.match(r"u\{([0-9a-fA-F]+)\}", body[i:])
            if not match or int(match.group(1), 16) > 0x7FFFFFFF:
                raise InvalidEscape(i + 2)
            out += _utf8(int(match.group(1), 16))
            i += len(match.group(0))
        else:
            raise InvalidEscape(i + 2)
    return bytes(out)


def _utf8(code: int) -> bytes:
    """UTF-8 as LuaJIT writes it, which allows surrogates and up to 0x7FFFFFFF."""
    if code < 0x80:
        return bytes([code])
    if code < 0x800:
        return bytes([0xC0 | code >> 6, 0x80 | code & 0x3F])
    if code < 0x10000:
        return bytes([0xE0 | code >> 12, 0x80 | code >> 6 & 0x3F, 0x80 | code & 0x3F])
    if code < 0x200000:
        return bytes([0xF0 | code >> 18, 0x80 | code >> 12 & 0x3F, 0x80 | code >> 6 & 0x3F,
                      0x80 | code & 0x3F])
    if code < 0x4000000:
        return bytes([0xF8 | code >> 24, 0x80 | code >> 18 & 0x3F, 0x80 | code >> 12 & 0x3F,
                      0x80 | code >> 6 & 0x3F, 0x80 | code & 0x3F])
    return bytes([0xFC | code >> 30, 0x80 | code >> 24 & 0x3F, 0x80 | code >> 18 & 0x3F,
                  0x80 | code >> 12 & 0x3F, 0x80 | code >> 6 & 0x3F, 0x80 | code & 0x3F])
