"""What importing a C header gives: terra types and functions, plain data.

Made by the cheaders pipeline (preprocess -> gnuc -> translate, macros,
inline code); turned into Lua tables by the runtime (terralib.includec).
No lupa, no llvmlite here: types are `terrapy.types` objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import types


@dataclass
class CFunction:
    name: str                    # the C name
    type: types.Function         # varargs functions have isvararg set
    link_name: str               # the symbol to bind (`__asm__("...")` renames: scanf -> __isoc99_scanf)
    defined_in_header: bool = False   # static/inline body: compiled by inline.py into a shared object


@dataclass
class CVariable:
    name: str
    type: types.Type
    link_name: str
    defined_in_header: bool = False


@dataclass
class CMacro:
    name: str
    value: int | float | bytes   # bytes for string macros (rawstring constants)
    type: types.Type             # C's type of the expansion: int, unsigned long, double, &int8...


@dataclass(frozen=True)
class BitField:
    """A bitfield member (struct.c_bitfields[name]); its bytes are a uint8 span in
    the struct's fields so that the layout matches gcc's."""
    name: str
    type: types.Type       # the declared integer type
    bit_offset: int        # from the start of the struct
    width: int


@dataclass
class CImport:
    """Everything one includec/includecstring call makes visible."""
    functions: dict[str, CFunction] = field(default_factory=dict)
    variables: dict[str, CVariable] = field(default_factory=dict)
    typedefs: dict[str, types.Type] = field(default_factory=dict)
    tagged: dict[str, types.Type] = field(default_factory=dict)      # "foo" for struct/union/enum foo
    enum_constants: dict[str, int] = field(default_factory=dict)
    macros: dict[str, CMacro] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)     # declarations skipped, and why
    header_code: str | None = None   # C source whose bodies must be compiled (inline.py)
