"""Macro harvesting (issue 4, item 3): `gcc -dM -E`, expansion, C constant evaluation."""
from __future__ import annotations

import math
import os
import shutil
import subprocess

import pytest

from terrapy import types
from terrapy.cheaders import macros as M

pytestmark = pytest.mark.skipif(shutil.which(os.environ.get("CC", "gcc")) is None,
                                reason="needs gcc")

INT, UINT = types.primitive("int32"), types.primitive("uint32")
LONG, ULONG = types.primitive("int64"), types.primitive("uint64")
FLOAT, DOUBLE = types.primitive("float"), types.primitive("double")
RAWSTRING = types.pointer(types.primitive("int8"))


def header(name, package=None):
    for d in ("/usr/include", "/usr/include/x86_64-linux-gnu", "/usr/local/include"):
        if os.path.exists(os.path.join(d, name)):
            return M.harvest(name, False, [], [])
    pytest.skip(f"{name} missing (Debian package {package})")


def code(text, flags=()):
    return M.harvest(text, True, [], list(flags))


def expr(text):
    """One C expression as an object-like macro body."""
    return code(f"#define X_ {text}\n").get("X_")


@pytest.fixture(scope="module")
def libc():
    return M.harvest("".join(f"#include <{h}>\n" for h in (
        "stdio.h", "stdlib.h", "stdint.h", "limits.h", "math.h", "float.h", "errno.h",
        "fcntl.h", "pthread.h", "sys/mman.h", "inttypes.h")), True, [], [])


# ---------------------------------------------------------------- real headers

@pytest.mark.parametrize("name,value,type_", [
    ("EOF", -1, INT), ("INT_MAX", 2 ** 31 - 1, INT), ("INT_MIN", -2 ** 31, INT),
    ("UINT_MAX", 2 ** 32 - 1, UINT), ("LONG_MAX", 2 ** 63 - 1, LONG),
    ("LONG_MIN", -2 ** 63, LONG), ("ULONG_MAX", 2 ** 64 - 1, ULONG),
    ("SIZE_MAX", 2 ** 64 - 1, ULONG), ("INT64_MAX", 2 ** 63 - 1, LONG),
    ("INT64_MIN", -2 ** 63, LONG), ("UINT64_MAX", 2 ** 64 - 1, ULONG),
    ("UINT32_MAX", 2 ** 32 - 1, UINT), ("INT8_MIN", -128, INT), ("CHAR_BIT", 8, INT),
    ("SEEK_SET", 0, INT), ("SEEK_END", 2, INT), ("EINVAL", 22, INT), ("ENOENT", 2, INT),
    ("O_RDONLY", 0, INT), ("O_CREAT", 0o100, INT), ("EXIT_FAILURE", 1, INT),
    ("RAND_MAX", 2 ** 31 - 1, INT), ("BUFSIZ", 8192, INT), ("FLT_RADIX", 2, INT),
])
def test_libc_integer_constants(libc, name, value, type_):
    m = libc[name]
    assert (m.name, m.value, m.type) == (name, value, type_)


def test_floating_constants(libc):
    assert libc["M_PI"].type is DOUBLE and libc["M_PI"].value == math.pi
    assert libc["M_E"].value == math.e
    assert libc["NAN"].type is FLOAT and math.isnan(libc["NAN"].value)
    assert libc["INFINITY"].type is FLOAT and libc["INFINITY"].value == math.inf
    assert libc["HUGE_VAL"].type is DOUBLE and libc["HUGE_VAL"].value == math.inf
    assert libc["HUGE_VALF"].type is FLOAT
    assert libc["DBL_MAX"].value == 1.7976931348623157e308 and libc["DBL_MAX"].type is DOUBLE
    assert libc["FLT_MAX"].type is FLOAT and libc["FLT_MAX"].value == 3.4028234663852886e38
    assert libc["FLT_EPSILON"].value == 2.0 ** -23
    assert "LDBL_MAX" not in libc and "HUGE_VALL" not in libc      # long double: skipped


def test_pointer_and_string_constants(libc):
    assert libc["NULL"].value == 0 and libc["NULL"].type is types.pointer(types.OPAQUE)
    assert libc["MAP_FAILED"].value == 2 ** 64 - 1
    assert libc["MAP_FAILED"].type is types.pointer(types.OPAQUE)
    assert libc["PRId64"].value == b"ld" and libc["PRId64"].type is RAWSTRING
    assert libc["PRIx32"].value == b"x"


def test_non_constants_are_skipped(libc):
    for name in ("PTHREAD_MUTEX_INITIALIZER", "stdout", "errno", "MB_CUR_MAX", "assert",
                 "__THROW", "__BEGIN_DECLS", "INT64_C", "__INT64_TYPE__"):
        assert name not in libc
    assert "INT32_C" not in libc          # function-like


def test_zlib():
    z = header("zlib.h", "zlib1g-dev")
    assert (z["Z_OK"].value, z["Z_OK"].type) == (0, INT)
    assert z["Z_STREAM_END"].value == 1 and z["Z_DATA_ERROR"].value == -3
    assert z["Z_BEST_COMPRESSION"].value == 9
    v = z["ZLIB_VERSION"]
    assert isinstance(v.value, bytes) and v.value[:1].isdigit() and v.type is RAWSTRING
    assert z["ZLIB_VERNUM"].type is INT
    assert "zlib_version" not in z        # zlibVersion(): a call


def test_sqlite3():
    s = header("sqlite3.h", "libsqlite3-dev")
    assert (s["SQLITE_OK"].value, s["SQLITE_OK"].type) == (0, INT)
    assert s["SQLITE_ROW"].value == 100 and s["SQLITE_DONE"].value == 101
    assert s["SQLITE_IOERR_READ"].value == 10 | (1 << 8)          # (SQLITE_IOERR | (1<<8))
    v = s["SQLITE_VERSION"]
    assert isinstance(v.value, bytes) and v.value.count(b".") == 2
    assert s["SQLITE_VERSION_NUMBER"].type is INT
    assert "SQLITE_STATIC" not in s        # cast to an unknown typedef


def test_typedefs_and_enums_from_the_translator():
    text = ("typedef unsigned int U32; typedef void (*dtor)(void*); enum { RED = 5 };\n"
            "#define MAXU ((U32)-1)\n#define STATIC ((dtor)0)\n#define ALIAS RED\n"
            "#define NEXT (RED + 1u)\n")
    plain = code(text)
    assert not {"MAXU", "STATIC", "ALIAS", "NEXT"} & set(plain)
    fn = types.pointer(types.function([types.pointer(types.OPAQUE)], types.UNIT))
    full = M.harvest(text, True, [], [], enum_constants={"RED": 5},
                     typedefs={"U32": UINT, "dtor": fn})
    assert (full["MAXU"].value, full["MAXU"].type) == (2 ** 32 - 1, UINT)
    assert (full["STATIC"].value, full["STATIC"].type) == (0, fn)
    assert (full["ALIAS"].value, full["ALIAS"].type) == (5, INT)
    assert (full["NEXT"].value, full["NEXT"].type) == (6, UINT)


def test_preprocessing_error_names_the_header():
    with pytest.raises(M.MacroHarvestError, match="no_such_header_xyz.h"):
        M.harvest("no_such_header_xyz.h", False, [], [])


def test_include_path_and_flags(tmp_path):
    (tmp_path / "mine.h").write_text("#define MINE (FOO * 2)\n")
    got = M.harvest("mine.h", False, [str(tmp_path)], ["-DFOO=21"])
    assert got["MINE"].value == 42 and got["FOO"].value == 21


# ---------------------------------------------------------------- definitions and expansion

def test_last_definition_wins():
    m = code("#define A 1\n#undef A\n#define A 2\n")
    assert m["A"].value == 2


def test_expansion_chains_and_recursion():
    m = code("#define A B\n#define B 3\n#define SELF SELF\n#define P Q\n#define Q (P + 1)\n"
             "#define E\n#define TWICE(x) ((x) * 2)\n#define T TWICE(A + 1)\n"
             "#define CAT(a, b) a ## b\n#define XCAT(a, b) CAT(a, b)\n#define BIG XCAT(CAT(0x, ff), UL)\n"
             "#define STR(x) #x\n#define S STR(hello world)\n"
             "#define XSTR(x) STR(x)\n#define XS XSTR(B)\n"
             "#define SEL(a, b, c, ...) c\n#define COUNT(...) SEL(0, ##__VA_ARGS__, 2, 1)\n"
             "#define C0 COUNT()\n#define C1 COUNT(x)\n#define APPLY(f, x) f(x)\n"
             "#define AP APPLY(TWICE, 5)\n#define NEG -A\n#define MINUS 1 -NEG\n")
    assert m["A"].value == 3 and m["B"].value == 3
    assert "SELF" not in m and "P" not in m and "Q" not in m and "E" not in m
    assert m["T"].value == 8
    assert (m["BIG"].value, m["BIG"].type) == (255, ULONG)
    assert m["S"].value == b"hello world" and m["XS"].value == b"3"
    assert m["C0"].value == 1 and m["C1"].value == 2
    assert m["AP"].value == 10 and m["NEG"].value == -3 and m["MINUS"].value == 4


# ---------------------------------------------------------------- evaluation

@pytest.mark.parametrize("text,value,type_", [
    ("1u << 31", 2 ** 31, UINT), ("-1ul", 2 ** 64 - 1, ULONG), ("(int)3.9", 3, INT),
    ("(int)-3.9", -3, INT), ("'a'", 97, INT), ("'\\n'", 10, INT), ("'\\xff'", -1, INT),
    ("'\\0'", 0, INT), ("'\\''", 39, INT), ("2147483647", 2 ** 31 - 1, INT),
    ("2147483648", 2 ** 31, LONG), ("0x80000000", 2 ** 31, UINT), ("0xffffffff", 2 ** 32 - 1, UINT),
    ("0x100000000", 2 ** 32, LONG), ("0xffffffffffffffff", 2 ** 64 - 1, ULONG),
    ("9223372036854775808", 2 ** 63, ULONG), ("010", 8, INT), ("0b101", 5, INT),
    ("10LL", 10, LONG), ("10ULL", 10, ULONG), ("10lu", 10, ULONG), ("5L", 5, LONG),
    ("-1 < 0u", 0, INT), ("-1 < 0", 1, INT), ("-1L < 1u", 1, INT), ("-1 < 1ul", 0, INT),
    ("0u - 1", 2 ** 32 - 1, UINT), ("1 + 2L", 3, LONG), ("1u + 2L", 3, LONG),
    ("1ul + -2", 2 ** 64 - 1, ULONG), ("-7 / 2", -3, INT), ("-7 % 2", -1, INT),
    ("7 % -2", 1, INT), ("1 << 31", -2 ** 31, INT), ("-16 >> 2", -4, INT),
    ("(unsigned char)300", 44, types.primitive("uint8")), ("(signed char)200", -56, types.primitive("int8")),
    ("(unsigned long)-1", 2 ** 64 - 1, ULONG), ("(size_t)-1", 2 ** 64 - 1, ULONG),
    ("(uint32_t)-1", 2 ** 32 - 1, UINT), ("(int64_t)1 << 40", 2 ** 40, LONG),
    ("(unsigned short)-1", 65535, types.primitive("uint16")),
    ("sizeof(int)", 4, ULONG), ("sizeof(long double)", 16, ULONG), ("sizeof(char*)", 8, ULONG),
    ("sizeof(unsigned long long)", 8, ULONG), ("sizeof \"abc\"", 4, ULONG),
    ("!0", 1, INT), ("!5", 0, INT), ("~0u", 2 ** 32 - 1, UINT), ("~0", -1, INT),
    ("1 ? 2 : 3", 2, INT), ("0 ? 2 : 3u", 3, UINT), ("1 ? 2 : 3.0", 2.0, DOUBLE),
    ("0 && 1 / 0", 0, INT), ("1 || 1 / 0", 1, INT), ("2 && 3", 1, INT), ("0 || 0", 0, INT),
    ("1 ? 4 : 1 / 0", 4, INT), ("(1 + 2) * 3 - 4 / 2", 7, INT), ("1 | 2 ^ 3 & 4", 3, INT),
    ("3 == 3.0", 1, INT), ("2147483647 + 1", -2 ** 31, INT), ("(_Bool)5", 1, types.primitive("bool")),
    ("__extension__ 1LL", 1, LONG), ("(const unsigned int)7", 7, UINT),
])
def test_integer_expressions(text, value, type_):
    m = expr(text)
    assert m is not None, text
    assert (m.value, m.type) == (value, type_), text


@pytest.mark.parametrize("text,value,type_", [
    ("1.5", 1.5, DOUBLE), ("1.5f", 1.5, FLOAT), ("0.1f", 0.10000000149011612, FLOAT),
    (".5", 0.5, DOUBLE), ("1e3", 1000.0, DOUBLE), ("1.", 1.0, DOUBLE), ("0x1p-2", 0.25, DOUBLE),
    ("0x1.8p1f", 3.0, FLOAT), ("1 / 2.0", 0.5, DOUBLE), ("1.0f + 1", 2.0, FLOAT),
    ("1.0f + 1.0", 2.0, DOUBLE), ("-1.5", -1.5, DOUBLE), ("(double)1 / 3", 1 / 3, DOUBLE),
    ("(float)1 / 3", 0.3333333432674408, FLOAT), ("__builtin_huge_val()", math.inf, DOUBLE),
    ("__builtin_inf()", math.inf, DOUBLE), ("__builtin_huge_valf()", math.inf, FLOAT),
    ("-__builtin_inff()", -math.inf, FLOAT), ("1.0 / 0", math.inf, DOUBLE),
])
def test_floating_expressions(text, value, type_):
    m = expr(text)
    assert (m.value, m.type) == (value, type_), text


def test_evaluate_helper():
    assert M.evaluate("N * 2", "#define N 21\n").value == 42
    assert M.evaluate("missing") is None


def test_strings_and_nan():
    assert expr('"a" "b"').value == b"ab" and expr('"a" "b"').type is RAWSTRING
    assert expr('"x\\ty\\0z"').value == b"x\ty\0z"
    assert expr('"\\101\\x42"').value == b"AB"
    assert math.isnan(expr('__builtin_nan("")').value)
    assert expr('__builtin_nanf("")').type is FLOAT
    assert expr("((void*)0)").type is types.pointer(types.OPAQUE)
    assert expr("((int*)16)").value == 16 and expr("((int*)16)").type is types.pointer(INT)


@pytest.mark.parametrize("text", [
    "foo", "foo(1)", "1 / 0", "1 % 0", "1 << 32", "1 << -1", "{ 0 }", "1 +", "(int)", "x.y",
    "1.5 % 2", "~1.0", "(int)1e100", "\"a\" + 1", "1.0L", "1 2", "sizeof(struct s)",
    "L\"wide\"", "(void)0", "((void*)0) + 1", "a[0]",
])
def test_not_constants(text):
    assert expr(text) is None, text


# ---------------------------------------------------------------- against gcc itself

GCC_EXPRS = [
    "1u << 31", "-1ul", "(int)3.9", "'a'", "0x7fffffff + 1u", "-2147483647 - 1", "4000000000",
    "0xffffffffu * 2u", "(short)-1 + 0u", "(unsigned char)255 + 1", "-5 / 3", "-5 % 3",
    "5 / -3", "1 ? -1 : 0u", "(long)-1 >> 60", "(unsigned long)-1 >> 60", "10 > 5 == 1",
    "~0ull >> 1", "-1 >> 1u", "(char)200", "'\\377'", "0x10L << 2", "-9223372036854775807L - 1",
    "3.5 * 2", "1.0f / 3.0f", "(int)-2.5f", "07777", "(uint16_t)70000", "(int8_t)-129",
    "(unsigned)-1 / 2", "1 - 2u < 0", "sizeof(long) * 3", "(long long)1 << 62",
    "!0.0", "2.5 > 2", "(float)16777217",
]


def test_agrees_with_gcc(tmp_path):
    src = ['#include <stdio.h>', '#include <stdint.h>',
           '#define TY(e) _Generic((e), _Bool: "bool", char: "int8", signed char: "int8", '
           'unsigned char: "uint8", short: "int16", unsigned short: "uint16", int: "int32", '
           'unsigned: "uint32", long: "int64", unsigned long: "uint64", long long: "int64", '
           'unsigned long long: "uint64", float: "float", double: "double", default: "?")',
           '#define PR(e) _Generic((e), float: printf("%s %.17g\\n", TY(e), (double)(e)), '
           'double: printf("%s %.17g\\n", TY(e), (double)(e)), unsigned long: '
           'printf("%s %lu\\n", TY(e), (unsigned long)(e)), unsigned long long: '
           'printf("%s %llu\\n", TY(e), (unsigned long long)(e)), default: '
           'printf("%s %lld\\n", TY(e), (long long)(e)))',
           'int main(void) {']
    src += [f"  PR({e});" for e in GCC_EXPRS]
    src += ["  return 0;", "}"]
    (tmp_path / "p.c").write_text("\n".join(src) + "\n")
    cc = os.environ.get("CC", "gcc")
    subprocess.run([cc, "-w", "-o", str(tmp_path / "p"), str(tmp_path / "p.c")], check=True)
    lines = subprocess.run([str(tmp_path / "p")], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    defines = "".join(f"#define E{i}_ {e}\n" for i, e in enumerate(GCC_EXPRS))
    got = code("#include <stdint.h>\n" + defines)
    for i, (e, line) in enumerate(zip(GCC_EXPRS, lines)):
        want_type, want_value = line.split()
        m = got[f"E{i}_"]
        assert str(m.type) == want_type, e
        if m.type in (FLOAT, DOUBLE):
            assert m.value == float(want_value), e
        else:
            assert m.value == int(want_value), e
