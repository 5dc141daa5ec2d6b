"""Code that headers and includecstring define, compiled into a cached shared
object and called by address (terrapy.cheaders.inline)."""
import ctypes
import os
import shutil

import pytest

from terrapy.cheaders import inline
from terrapy.cheaders.inline import CCompileError, compile_header_code

pytestmark = pytest.mark.skipif(shutil.which(os.environ.get("CC", "gcc")) is None,
                                reason="needs a C compiler (gcc)")

INT_INT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
PROCESS = ctypes.CDLL(None)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRAPY_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("TERRAPY_NO_CACHE", raising=False)
    inline._loaded.clear()
    yield
    inline._loaded.clear()


def write_header(directory, text, name="user.h"):
    path = directory / name
    path.write_text(text)
    return path


USER_HEADER = """\
#include <stddef.h>
static inline int add3(int x) { return x + 3; }
static inline double scale(double x, double by) { return x * by; }
inline int twice(int x) { return 2 * x; }          /* C99 inline: no body emitted normally */
struct pair { long a, b; };
static inline struct pair swap(struct pair p) { struct pair q = { p.b, p.a }; return q; }
static inline int sum(int n, ...) { return n; }
typedef int notafunction;
"""


def test_static_inline_function_of_a_user_header_is_callable(tmp_path):
    write_header(tmp_path, USER_HEADER)
    so = compile_header_code("user.h", False, str(tmp_path), [],
                             ["add3", "scale", "twice", "swap", "sum"], [])
    assert INT_INT(so.address("add3"))(4) == 7
    assert INT_INT(so.address("twice"))(21) == 42
    scale = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double, ctypes.c_double)
    assert scale(so.address("scale"))(1.5, 4.0) == 6.0

    class Pair(ctypes.Structure):
        _fields_ = [("a", ctypes.c_long), ("b", ctypes.c_long)]
    swapped = ctypes.CFUNCTYPE(Pair, Pair)(so.address("swap"))(Pair(1, 2))
    assert (swapped.a, swapped.b) == (2, 1)
    # the exported alias is a real dynamic symbol at the same address, visible
    # process-wide (RTLD_GLOBAL), which is how the JIT resolves it
    for name in ("add3", "scale", "twice", "swap", "sum"):
        symbol = so.symbols[name]
        assert symbol.startswith("__terrapy_wrap_") and symbol.endswith("_" + name)
        assert ctypes.cast(getattr(PROCESS, symbol), ctypes.c_void_p).value == so.address(name)
    assert so.path.endswith(".so") and os.path.exists(so.path)


def test_names_that_are_not_functions_or_variables_are_skipped_not_fatal(tmp_path):
    write_header(tmp_path, USER_HEADER)
    so = compile_header_code("user.h", False, [str(tmp_path)], [], ["add3", "notafunction",
                                                                    "undeclared_thing"], [])
    assert set(so.skipped) == {"notafunction", "undeclared_thing"}
    assert "undeclared" in so.skipped["undeclared_thing"]
    assert INT_INT(so.address("add3"))(1) == 4
    with pytest.raises(KeyError, match="notafunction"):
        so.address("notafunction")


CODE = """\
#include <string.h>
int foo = 4;
const int bar = 5;
static int hidden = 6;
double table[3] = { 1.5, 2.5, 3.5 };
static int baz(int x) { return x + 1; }
int quux(int x) { return baz(x) * foo; }
"""


def test_includecstring_globals_are_lvalues_through_their_addresses():
    so = compile_header_code(CODE, True, None, None, ["baz", "quux"],
                             ["foo", "bar", "hidden", "table"])
    assert so.skipped == {}
    foo = ctypes.cast(so.address("foo"), ctypes.POINTER(ctypes.c_int))
    assert foo[0] == 4
    quux = INT_INT(so.address("quux"))
    assert quux(1) == 8
    foo[0] = 10                                   # write through the address...
    assert quux(1) == 20                          # ...and the C code sees it
    assert ctypes.cast(so.address("bar"), ctypes.POINTER(ctypes.c_int))[0] == 5
    assert ctypes.cast(so.address("hidden"), ctypes.POINTER(ctypes.c_int))[0] == 6
    table = ctypes.cast(so.address("table"), ctypes.POINTER(ctypes.c_double))
    assert [table[i] for i in range(3)] == [1.5, 2.5, 3.5]
    assert INT_INT(so.address("baz"))(41) == 42
    # the variables' aliases are at the variables
    assert ctypes.addressof(ctypes.c_int.in_dll(PROCESS, so.symbols["bar"])) == so.address("bar")
    assert ctypes.c_int.in_dll(PROCESS, so.symbols["foo"]).value == 10


def test_functions_defined_elsewhere_bind_their_link_names():
    so = compile_header_code("stdio.h", False, None, None, ["scanf", "printf"], ["stdout"])
    assert so.symbols["scanf"] == "__isoc99_scanf"        # the __asm__ rename
    assert so.address("scanf") == ctypes.cast(PROCESS.__isoc99_scanf, ctypes.c_void_p).value
    assert so.address("printf") == ctypes.cast(PROCESS.printf, ctypes.c_void_p).value
    assert so.symbols["stdout"] == "stdout"
    assert so.address("stdout") == ctypes.addressof(ctypes.c_void_p.in_dll(PROCESS, "stdout"))


def test_same_inputs_reuse_the_shared_object(tmp_path):
    write_header(tmp_path, USER_HEADER)
    args = ("user.h", False, str(tmp_path), ["-DX=1"], ["add3"], [])
    first = compile_header_code(*args)
    count, mtime = inline.compile_count, os.stat(first.path).st_mtime_ns
    again = compile_header_code(*args)                 # same process: the loaded object
    assert again is first and inline.compile_count == count
    inline._loaded.clear()                             # a new process: from the manifest
    fresh = compile_header_code(*args)
    assert inline.compile_count == count
    assert fresh.path == first.path and os.stat(fresh.path).st_mtime_ns == mtime
    assert INT_INT(fresh.address("add3"))(0) == 3
    # different flags are a different object
    compile_header_code("user.h", False, str(tmp_path), ["-DX=2"], ["add3"], [])
    assert inline.compile_count == count + 1


def test_touching_a_dependency_header_recompiles(tmp_path):
    write_header(tmp_path, '#include "inner.h"\n')
    inner = write_header(tmp_path, "static inline int k(void) { return 1; }\n", "inner.h")
    first = compile_header_code("user.h", False, str(tmp_path), [], ["k"], [])
    assert ctypes.CFUNCTYPE(ctypes.c_int)(first.address("k"))() == 1
    assert str(inner) in [d[0] for d in first.dependencies]
    count = inline.compile_count

    stat = os.stat(inner)
    os.utime(inner, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))    # touch only
    inline._loaded.clear()
    touched = compile_header_code("user.h", False, str(tmp_path), [], ["k"], [])
    assert inline.compile_count == count + 1 and touched.path != first.path
    assert not os.path.exists(first.path)              # the stale object is cleaned up

    inner.write_text("static inline int k(void) { return 2; }\n")   # edit, same process
    os.utime(inner, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000))
    edited = compile_header_code("user.h", False, str(tmp_path), [], ["k"], [])
    assert inline.compile_count == count + 2
    assert ctypes.CFUNCTYPE(ctypes.c_int)(edited.address("k"))() == 2
    # the older object is still loaded and still works (names never collide)
    assert ctypes.CFUNCTYPE(ctypes.c_int)(touched.address("k"))() == 1
    assert edited.symbols["k"] != touched.symbols["k"]


def test_compile_error_in_a_header_names_file_and_line(tmp_path):
    header = write_header(tmp_path, "int ok(void);\n\nstatic int broken(void) { return 1 +; }\n")
    with pytest.raises(CCompileError) as caught:
        compile_header_code("user.h", False, str(tmp_path), [], ["broken"], [])
    error = caught.value
    assert error.file == str(header) and error.line == 3
    assert str(error).startswith(f"{header}:3: ") and "expected expression" in str(error)
    assert "error" in error.output


def test_compile_error_in_code_names_includecstring_and_line():
    with pytest.raises(CCompileError) as caught:
        compile_header_code("int fine = 1;\nint bad = ;\n", True, None, None, [], ["fine"])
    assert (caught.value.file, caught.value.line) == ("<includecstring>", 2)


def test_missing_header_is_a_compile_error():
    with pytest.raises(CCompileError, match="no_such_header_here.h"):
        compile_header_code("no_such_header_here.h", False, None, None, ["f"], [])


def test_no_cache_compiles_every_time(monkeypatch):
    monkeypatch.setenv("TERRAPY_NO_CACHE", "1")
    count = inline.compile_count
    a = compile_header_code("static int one(void) { return 1; }", True, None, None, ["one"], [])
    b = compile_header_code("static int one(void) { return 1; }", True, None, None, ["one"], [])
    assert inline.compile_count == count + 2 and a.path != b.path
    assert ctypes.CFUNCTYPE(ctypes.c_int)(b.address("one"))() == 1
    assert not list((__import__("terrapy.cache").cache.cache_dir("cheaders")).glob("*.json"))
