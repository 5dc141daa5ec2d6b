"""translate.py: C declarations -> terra types, layout checked against gcc on
purpose-written structs (bitfields, packed, aligned, #pragma pack, anonymous
members, flexible arrays, function pointers, GNU types)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from test_layout_probe import generate, probe_items  # noqa: E402

from terrapy import types as T  # noqa: E402
from terrapy.cheaders import pipeline  # noqa: E402

CASES = r"""
#include <stddef.h>
#include <stdint.h>
struct bits1 { unsigned a:3, b:5, c:9; char d; };
struct bits2 { char c; int x:30; int y:4; };
struct bits3 { char c; long x:3; unsigned char z:7; short s:9; };
struct bits4 { char c; int :0; char d; int :4; char e; };
struct __attribute__((packed)) bits5 { char c; int x:30; int y:4; long l:40; };
struct bits6 { _Bool f:1; unsigned long long big:63; unsigned int u:1; };
struct bits7 { char a; unsigned short b:4; unsigned short c:12; unsigned short d:1; };
union ubits { int x:7; char c; unsigned long long y:50; };
enum small { S0, S1 };
struct bits8 { enum small e:2; int i; signed char sc:3; };
struct pk { char c; int i; short s; } __attribute__((packed));
struct al { char c; int i __attribute__((aligned(16))); char d; };
struct al2 { char c; } __attribute__((aligned(8)));
struct al3 { char c; struct al2 x; _Alignas(32) char y; };
#pragma pack(push, 2)
struct pp { char c; int i; double d; };
#pragma pack(pop)
struct afterpp { char c; int i; double d; };
struct anon { int k; union { int a; float b; }; struct { char x, y; }; long tail; };
struct anon2 { union { struct { int p, q; }; long r; }; char after; };
struct flex { int n; double d[]; };
struct fp { int (*cmp)(const void *, const void *); void (*cb)(int, ...); char c; };
struct gnu { char c; long double ld; __int128 i; _Float128 f; char e; };
struct nested { struct inner { short s; char c; } in[3]; union { char u1; double u2; } u; };
typedef struct { char c; double d; } anon_td;
typedef struct { long x; } __attribute__((aligned(32))) big_td;
typedef int myint __attribute__((aligned(8)));
struct uses_td { char c; myint m; };
typedef unsigned int qi __attribute__((mode(QI)));
typedef int hi __attribute__((mode(HI)));
typedef int di __attribute__((mode(DI)));
struct modes { qi a; hi b; di c; };
typedef float v4sf __attribute__((vector_size(16)));
struct vec { char c; v4sf v; };
struct selfref { struct selfref *next; struct later *l; };
struct later { int x; };
struct arr2d { char grid[3][5]; int n[2 + 2 * 3]; };
"""


@pytest.fixture(scope="module")
def cases():
    result, _ = pipeline.import_c(CASES, True, [], [])
    return result


def test_cases_match_gcc(cases):
    items = probe_items(cases)
    source, expected = generate("stddef.h", items)
    source = source.replace("#include <stddef.h>\nint main", CASES + "\nint main", 1)
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "p.c"), os.path.join(tmp, "p")
        open(src, "w").write(source)
        proc = subprocess.run(["gcc", "-w", src, "-o", exe], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-2000:]
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    got = dict(line.split(" ", 1) for line in out.splitlines())
    bad = [f"{what}: gcc {got.get(k)} terrapy {v}" for k, (what, v) in expected.items()
           if got.get(k) != str(v)]
    # a scalar typedef with aligned(N) is the plain terra scalar (terra types carry no
    # alignment); the alignment is applied where it matters, to struct members (uses_td)
    assert bad == ["myint: gcc 8 terrapy 4"]
    assert cases.c_typedef_align == {"myint": 8}
    assert len(expected) > 150


def test_bitfield_side_table(cases):
    b = cases.tagged["bits2"]
    bf = b.c_bitfields
    assert (bf["x"].bit_offset, bf["x"].width, bf["y"].bit_offset) == (32, 30, 64)
    assert bf["x"].type is T.primitive("int32")
    assert [f.name for f in b.fields] == ["c", "__bitfield0"]
    assert (T.size_of(b), T.align_of(b)) == (12, 4)


def test_anonymous_members_flatten(cases):
    a = cases.tagged["anon"]
    assert [(f.name, f.offset) for f in a.fields] == [
        ("k", 0), ("a", 4), ("b", 4), ("x", 8), ("y", 9), ("tail", 16)]
    a2 = cases.tagged["anon2"]
    assert a2.fields[0].name.startswith("__anon") and a2.field("after").offset == 8


def test_types(cases):
    fp = cases.tagged["fp"]
    assert fp.field("cmp").type == T.pointer(T.function(
        (T.pointer(T.OPAQUE), T.pointer(T.OPAQUE)), T.primitive("int32")))
    assert fp.field("cb").type.type.isvararg
    assert cases.tagged["flex"].field("d").type == T.array(T.primitive("double"), 0)
    assert cases.typedefs["anon_td"].name == "anon_td"
    assert cases.typedefs["v4sf"] == T.vector(T.primitive("float"), 4)
    sr = cases.tagged["selfref"]
    assert sr.field("next").type == T.pointer(sr)
    assert sr.field("l").type.type is cases.tagged["later"]
    assert cases.tagged["later"].fields is not None
    assert cases.tagged["arr2d"].field("grid").type == T.array(T.array(T.primitive("int8"), 5), 3)
    assert cases.tagged["small"] is T.primitive("uint32")


def test_enum_types_follow_gcc():
    r, _ = pipeline.import_c("enum a { A = -1 }; enum b { B = 0x100000000 }; "
                             "enum c { C = 0xffffffff }; enum d { D1 = 'x', D2 = 1 << 4, D3 = D2 | 1, "
                             "D4 = sizeof(long), D5 = (unsigned char)300 };", True, [], [])
    assert r.tagged["a"] is T.primitive("int32")
    assert r.tagged["b"] is T.primitive("uint64")
    assert r.tagged["c"] is T.primitive("uint32")
    assert r.enum_constants["C"] == -1          # truncated to int
    assert (r.enum_constants["D1"], r.enum_constants["D3"], r.enum_constants["D4"],
            r.enum_constants["D5"]) == (120, 17, 8, 44)


def test_primitive_mapping():
    r, _ = pipeline.import_c(
        "char a; signed char b; unsigned char c; short d; unsigned short e; int f; unsigned g;"
        "long h; unsigned long i; long long j; unsigned long long k; float l; double m;"
        "_Bool n; void *o; const char *p; char *q[4]; double _Complex z;", True, [], [])
    got = {n: str(v.type) for n, v in r.variables.items()}
    assert got == {"a": "int8", "b": "int8", "c": "uint8", "d": "int16", "e": "uint16",
                   "f": "int32", "g": "uint32", "h": "int64", "i": "uint64", "j": "int64",
                   "k": "uint64", "l": "float", "m": "double", "n": "bool", "o": "&opaque",
                   "p": "&int8", "q": "(&int8)[4]", "z": "c_complex_double"}


def test_function_forms():
    r, _ = pipeline.import_c(
        "int noproto(); int kr(a, b) int a; int b; { return a + b; } void v(void);"
        "int va(const char *, ...); void arr(int x[10], int (*f)(int), int g(void));",
        True, [], [])
    assert str(r.functions["noproto"].type) == "{...} -> int32"
    assert str(r.functions["v"].type) == "{} -> {}"
    assert str(r.functions["va"].type) == "{&int8,...} -> int32"
    assert str(r.functions["arr"].type) == "{&int32,&{int32} -> int32,&{} -> int32} -> {}"
