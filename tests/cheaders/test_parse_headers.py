"""Every header of issue 4 goes through preprocess -> gnuc -> pycparser -> translate."""
from __future__ import annotations

import functools
import subprocess

import pycparser
import pytest

from terrapy import types as T
from terrapy.cheaders import gnuc, pipeline
from terrapy.cheaders.preprocess import CHeaderError

SYSTEM = ["stdio.h", "stdlib.h", "string.h", "math.h", "time.h", "errno.h", "stdint.h",
          "stddef.h", "stdarg.h", "limits.h", "inttypes.h", "signal.h", "setjmp.h",
          "pthread.h", "unistd.h", "fcntl.h", "sys/stat.h", "sys/types.h", "sys/socket.h",
          "netinet/in.h", "sys/epoll.h", "dirent.h", "dlfcn.h"]
LIBRARIES = {"zlib.h": "zlib1g-dev", "sqlite3.h": "libsqlite3-dev", "png.h": "libpng-dev",
             "curl/curl.h": "libcurl4-openssl-dev", "openssl/sha.h": "libssl-dev",
             "SDL2/SDL.h": "libsdl2-dev"}
HEADERS = SYSTEM + list(LIBRARIES)


def header_available(header: str) -> bool:
    proc = subprocess.run(["gcc", "-E", "-"], input=f"#include <{header}>\n", text=True,
                          capture_output=True)
    return proc.returncode == 0


def need(header: str):
    if header in LIBRARIES and not header_available(header):
        pytest.skip(f"needs the Debian package '{LIBRARIES[header]}' (see system-packages.txt)")


@functools.lru_cache(maxsize=None)
def imported(header: str):
    """(CImport, dependencies) of one header, shared by the cheaders tests."""
    return pipeline.import_c(header, False, [], [])


@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_and_translates(header):
    need(header)
    result, deps = imported(header)
    assert deps and all(d.startswith("/") for d in deps)
    assert result.functions or result.typedefs or result.tagged or header == "limits.h"
    # notes are for single declarations only; the system headers need none outside intrinsics
    if header in SYSTEM:
        assert result.notes == []


def test_known_declarations():
    stdio, _ = imported("stdio.h")
    assert stdio.functions["scanf"].link_name == "__isoc99_scanf"
    assert stdio.functions["printf"].type.isvararg
    assert stdio.functions["printf"].type.returntype is T.primitive("int32")
    assert stdio.functions["printf"].link_name == "printf"
    assert str(stdio.functions["fopen"].type) == "{&int8,&int8} -> &_IO_FILE"
    assert str(stdio.variables["stdout"].type) == "&_IO_FILE"
    assert not stdio.variables["stdout"].defined_in_header
    stdlib, _ = imported("stdlib.h")
    assert str(stdlib.functions["malloc"].type) == "{uint64} -> &opaque"
    assert str(stdlib.functions["free"].type) == "{&opaque} -> {}"
    assert stdlib.functions["qsort"].type.parameters[3] == T.pointer(
        T.function((T.pointer(T.OPAQUE), T.pointer(T.OPAQUE)), T.primitive("int32")))
    epoll, _ = imported("sys/epoll.h")
    ev = epoll.tagged["epoll_event"]
    assert (T.size_of(ev), T.align_of(ev), ev.field("data").offset) == (12, 1, 4)
    math, _ = imported("math.h")
    assert str(math.functions["sqrt"].type) == "{double} -> double"
    signal, _ = imported("signal.h")
    assert "SIGINT" not in signal.enum_constants      # a macro, not an enum


def test_inline_functions_keep_prototypes():
    sys_types, _ = imported("sys/types.h")
    f = sys_types.functions.get("__bswap_32")
    assert f is not None and f.defined_in_header
    assert str(f.type) == "{uint32} -> uint32"
    assert sys_types.header_code == "#include <sys/types.h>\n"
    assert "__builtin_bswap32" in sys_types.c_definitions["__bswap_32"]


def test_dependencies_are_files_read():
    _, deps = imported("stdio.h")
    assert any(d.endswith("/stdio.h") for d in deps)
    assert any(d.endswith("/stddef.h") for d in deps)


def test_includecstring_code():
    code = """
    #include <stddef.h>
    typedef struct { int a; double b; } pair;
    int add(int a, int b) { return a + b; }
    static inline int twice(int x) { return 2 * x; }
    int counter = 4;
    const int limit = 5;
    extern int shared;
    int oldstyle();
    enum color { RED, GREEN = 5, BLUE };
    struct node { struct node *next; int value; };
    struct fwd;
    struct fwd *make(void);
    struct fwd { long x; };
    long double ld;
    _Bool flag;
    """
    r, deps = pipeline.import_c(code, True, [], [])
    assert r.functions["add"].defined_in_header and not r.functions["make"].defined_in_header
    assert r.functions["twice"].defined_in_header
    assert r.variables["counter"].defined_in_header and r.variables["limit"].defined_in_header
    assert not r.variables["shared"].defined_in_header
    assert r.functions["oldstyle"].type.isvararg and r.functions["oldstyle"].type.parameters == ()
    assert r.enum_constants == {"RED": 0, "GREEN": 5, "BLUE": 6}
    assert r.tagged["color"] is T.primitive("uint32")
    node = r.tagged["node"]
    assert node.field("next").type == T.pointer(node)
    fwd = r.tagged["fwd"]
    assert fwd.fields is not None and T.size_of(fwd) == 8
    assert r.functions["make"].type.returntype == T.pointer(fwd)
    assert T.size_of(r.variables["ld"].type) == 16 and T.align_of(r.variables["ld"].type) == 16
    assert r.variables["flag"].type is T.primitive("bool")
    assert r.typedefs["pair"].name == "pair"
    assert r.header_code == code


def test_anonymous_typedef_identity():
    code = "typedef struct { int a; char *b; } shared_t;"
    one, _ = pipeline.import_c(code, True, [], [])
    two, _ = pipeline.import_c(code + "\nint x;", True, [], [])
    assert one.typedefs["shared_t"] is two.typedefs["shared_t"]
    a, _ = imported("stdio.h")
    b, _ = pipeline.import_c("#include <stdio.h>\n#include <string.h>\n", True, [], [])
    assert a.tagged["_IO_FILE"] is b.tagged["_IO_FILE"]
    assert a.typedefs["fpos_t"] is b.typedefs["fpos_t"]


def test_flags_and_include_path(tmp_path):
    (tmp_path / "mine.h").write_text("#if X == 3\nint mine(int);\n#endif\n")
    r, deps = pipeline.import_c('"mine.h"', False, [str(tmp_path)], ["-DX=3"])
    assert "mine" in r.functions
    assert str(tmp_path / "mine.h") in deps
    r2, _ = pipeline.import_c("mine.h", False, [str(tmp_path)], [])
    assert "mine" not in r2.functions


def test_preprocess_error_names_header_and_line(tmp_path):
    (tmp_path / "bad.h").write_text("int ok;\n#error broken here\n")
    with pytest.raises(CHeaderError) as info:
        pipeline.import_c("bad.h", False, [str(tmp_path)], [])
    e = info.value
    assert e.header == "bad.h" and e.line == 2 and "broken here" in e.message
    with pytest.raises(CHeaderError) as info:
        pipeline.import_c("no/such/header.h", False, [], [])
    assert "no/such/header.h" in str(info.value)


def test_parse_error_names_file_and_line(tmp_path):
    (tmp_path / "syntax.h").write_text("int a;\nint b;\nint c d e;\n")
    with pytest.raises(CHeaderError) as info:
        pipeline.import_c("syntax.h", False, [str(tmp_path)], [])
    assert info.value.line == 3 and info.value.file.endswith("syntax.h")


def test_unsupported_declaration_is_a_note():
    code = "struct s { int a[-1 + 2]; };\nint bad[sizeof(struct nosuch)];\nint good(void);\n"
    r, _ = pipeline.import_c(code, True, [], [])
    assert "good" in r.functions and "bad" not in r.variables
    assert any("bad" in n for n in r.notes)


def test_gnuc_pass_keeps_meaning():
    text = '''# 1 "x.h"
extern int foo (int) __asm__ ("" "foo_v2") __attribute__ ((__nothrow__));
struct __attribute__((packed)) p { char c; int i; };
struct q { char c; long l __attribute__((aligned(16))); } __attribute__((aligned(32)));
typedef int v4 __attribute__((vector_size(16)));
typedef unsigned int u8m __attribute__((mode(QI)));
typedef int w __attribute__ ((__mode__ (__word__)));
__extension__ typedef unsigned __int128 u128;
typedef _Float128 f128; typedef _Float32 f32; typedef _Float64 f64;
_Static_assert(1, "x");
static __inline __attribute__((always_inline)) int g(int x) { __asm__ volatile ("nop"); return x; }
int *__restrict r;
'''
    cleaned = gnuc.clean(text)
    ast = pycparser.CParser().parse(cleaned.text, "x.h")
    from terrapy.cheaders import translate
    r = translate.translate(ast, cleaned)
    assert r.functions["foo"].link_name == "foo_v2"
    p = r.tagged["p"]
    assert (T.size_of(p), T.align_of(p), p.field("i").offset) == (5, 1, 1)
    q = r.tagged["q"]
    assert (T.size_of(q), T.align_of(q), q.field("l").offset) == (32, 32, 16)
    assert r.typedefs["v4"] == T.vector(T.primitive("int32"), 4)
    assert r.typedefs["u8m"] is T.primitive("uint8")
    assert r.typedefs["w"] is T.primitive("int64")
    assert (T.size_of(r.typedefs["u128"]), T.align_of(r.typedefs["u128"])) == (16, 16)
    assert (T.size_of(r.typedefs["f128"]), T.align_of(r.typedefs["f128"])) == (16, 16)
    assert r.typedefs["f32"] is T.primitive("float") and r.typedefs["f64"] is T.primitive("double")
    assert r.functions["g"].defined_in_header
    assert "nop" in r.c_definitions["g"]
    assert str(r.variables["r"].type) == "&int32"


def test_tokenizer():
    toks = gnuc.tokenize('# 1 "f.h"\nint x = 0x1fULL + \'a\' + 1.5e-3f; char *s = "a\\"b";\n')
    assert [t.text for t in toks][:6] == ['# 1 "f.h"', "int", "x", "=", "0x1fULL", "+"]
    assert '"a\\"b"' in [t.text for t in toks]
    assert "1.5e-3f" in [t.text for t in toks]
