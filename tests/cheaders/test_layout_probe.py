"""Layout checked against gcc: for every struct/union (and every sized typedef) that
the headers of issue 4 declare, a generated C probe prints sizeof, _Alignof and the
offset and size of every named member (bitfields: bit offset and width found by a
byte scan) and the test compares them with terrapy's layout."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from test_parse_headers import HEADERS, LIBRARIES, header_available, imported  # noqa: E402

from terrapy import types as T  # noqa: E402

PRELUDE = r"""
#include <stdio.h>
#include <stddef.h>
#include <string.h>
static int bit_lo(const unsigned char *p, int n) {
    for (int i = 0; i < n * 8; i++) if (p[i / 8] >> (i % 8) & 1) return i;
    return -1;
}
static int bit_count(const unsigned char *p, int n) {
    int c = 0; for (int i = 0; i < n * 8; i++) c += p[i / 8] >> (i % 8) & 1;
    return c;
}
#define BITS(T, f, key) do { union { T s; unsigned char b[sizeof(T)]; } u; \
    memset(&u, 0, sizeof u); u.s.f = -1; \
    printf("%s %d %d\n", key, bit_lo(u.b, sizeof(T)), bit_count(u.b, sizeof(T))); } while (0)
"""


def probe_items(result):
    """(C type spelling, terrapy type) for every laid-out struct and sized typedef."""
    items = {}
    for tag, t in result.tagged.items():
        if (isinstance(t, T.Struct) and t.fields is not None and getattr(t, "c_kind", None)
                and (t.c_kind, tag) in result.c_defined_tags):
            items[f"{t.c_kind} {tag}"] = t
    for name, t in result.typedefs.items():
        if t is T.UNIT:     # typedef void
            continue
        if isinstance(t, (T.Primitive, T.Pointer, T.Vector, T.Struct)) or (
                isinstance(t, T.Array) and t.N):
            if isinstance(t, T.Struct) and (t.fields is None or (
                    getattr(t, "c_tag", None) and (t.c_kind, t.c_tag) not in result.c_defined_tags)):
                continue   # incomplete here (complete only through another import)
            items[name] = t
    return items


def generate(header, items):
    lines = [PRELUDE, f"#include <{header}>", "int main(void) {"]
    expected = {}
    for k, (cname, t) in enumerate(sorted(items.items())):
        key = f"t{k}"
        lines.append(f'printf("{key}.size %zu\\n", sizeof({cname}));')
        lines.append(f'printf("{key}.align %zu\\n", _Alignof({cname}));')
        expected[f"{key}.size"] = (cname, T.size_of(t))
        expected[f"{key}.align"] = (cname, T.align_of(t))
        if not isinstance(t, T.Struct) or getattr(t, "c_opaque", False) or t.tuple_types is not None:
            continue
        for f in t.fields:
            if f.name.startswith(("__bitfield", "__anon")):
                continue
            fk = f"{key}.{f.name}"
            lines.append(f'printf("{fk}.off %zu\\n", offsetof({cname}, {f.name}));')
            expected[f"{fk}.off"] = (f"{cname}.{f.name}", f.offset)
            if isinstance(f.type, T.Array) and f.type.N == 0:
                continue     # a flexible array member has no sizeof
            lines.append(f'printf("{fk}.size %zu\\n", sizeof((({cname} *)0)->{f.name}));')
            expected[f"{fk}.size"] = (f"sizeof {cname}.{f.name}", T.size_of(f.type))
        for b in getattr(t, "c_bitfields", {}).values():
            lines.append(f'BITS({cname}, {b.name}, "{key}.{b.name}.bits");')
            width = 1 if b.type is T.primitive("bool") else b.width
            expected[f"{key}.{b.name}.bits"] = (f"{cname}.{b.name}:", f"{b.bit_offset} {width}")
    lines.append("return 0; }")
    return "\n".join(lines) + "\n", expected


def run_probe(header):
    result, _ = imported(header)     # already imported (serially) by the fixture
    items = probe_items(result)
    source, expected = generate(header, items)
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "probe.c"), os.path.join(tmp, "probe")
        with open(src, "w") as f:
            f.write(source)
        libs = {"SDL2/SDL.h": ["-D_REENTRANT"]}.get(header, [])
        proc = subprocess.run(["gcc", "-std=gnu11", "-w", "-O0", *libs, src, "-o", exe],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return 0, 0, [f"{header}: probe does not compile: {proc.stderr[-3000:]}"]
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    got = dict(line.split(" ", 1) for line in out.splitlines())
    mismatches, vector_aligns = [], []
    for key, (what, value) in expected.items():
        if got.get(key) != str(value):
            message = f"{header}: {what}: gcc {got.get(key)} terrapy {value}"
            t = items.get(what)
            if key.endswith(".align") and isinstance(t, T.Vector):
                vector_aligns.append(message)
            else:
                mismatches.append(message)
    n_structs = sum(1 for t in items.values() if isinstance(t, T.Struct))
    return n_structs, len(expected), mismatches, vector_aligns


AVAILABLE = [h for h in HEADERS if h not in LIBRARIES or header_available(h)]


@pytest.fixture(scope="module")
def probes():
    for header in AVAILABLE:
        imported(header)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
        return dict(zip(AVAILABLE, pool.map(run_probe, AVAILABLE)))


@pytest.mark.parametrize("header", HEADERS)
def test_layout_matches_gcc(header, probes):
    if header not in probes:
        pytest.skip(f"needs the Debian package '{LIBRARIES[header]}' (see system-packages.txt)")
    n_structs, n_checks, mismatches, vector_aligns = probes[header]
    assert mismatches == []
    # Known limitation (terrapy.types, not this layer): a terra vector is aligned to its
    # size, while gcc caps vector typedefs at 16 without -mavx and the `_u` intrinsic
    # typedefs say aligned(1). Only vector *typedefs* of the intrinsics headers differ;
    # no struct of the header list contains such a member (the struct checks above pass).
    assert all(m.split(": ")[1].startswith(("__m", "__v")) for m in vector_aligns), vector_aligns


def test_probe_covers_many_structs(probes):
    total = sum(p[0] for p in probes.values())
    checks = sum(p[1] for p in probes.values())
    print(f"\nlayout probe: {total} structs, {checks} checks, "
          f"{sum(len(p[2]) for p in probes.values())} mismatches, "
          f"{sum(len(p[3]) for p in probes.values())} vector typedef alignments differ (known)")
    assert total >= 200


def test_spot_checks():
    epoll, _ = imported("sys/epoll.h")
    assert T.size_of(epoll.tagged["epoll_event"]) == 12
    stat, _ = imported("sys/stat.h")
    st = stat.tagged["stat"]
    assert T.size_of(st) == 144
    assert [(f.name, f.offset) for f in st.fields][:4] == [
        ("st_dev", 0), ("st_ino", 8), ("st_nlink", 16), ("st_mode", 24)]
    assert st.field("st_size").offset == 48 and st.field("st_mtim").offset == 88
