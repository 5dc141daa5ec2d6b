"""Generated ABI fuzz against gcc: seeded random signatures (structs of primitive
members, small arrays, nesting; 0-6 parameters; struct or scalar return).

For each signature N the generator emits
  * C:     `c_N`, which folds every argument leaf into a uint64 checksum and derives
           every result leaf from it; and `drive_N(f)`, which calls a function
           pointer f with fixed arguments and compares its result with c_N's (0 = same);
  * terra: `t_N`, the same computation, and in a per-batch checker:
           (a) a call of the extern c_N with the fixed arguments built in terra,
               compared with the Python-computed result;
           (b) drive_N(t_N): C calls terra through a function pointer.
All values are exactly representable and the arithmetic is integer (wrapping
uint64) or exact small floating point, so every comparison is exact.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEED = 20240603
NUM_SIGNATURES = 1000
BATCHES = 8
M64 = (1 << 64) - 1

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")

# name: (C type, size, signed/kind)
PRIMS = {
    "int8": ("int8_t", 1), "int16": ("int16_t", 2), "int32": ("int32_t", 4), "int64": ("int64_t", 8),
    "uint8": ("uint8_t", 1), "uint16": ("uint16_t", 2), "uint32": ("uint32_t", 4),
    "uint64": ("uint64_t", 8), "bool": ("bool", 1), "float": ("float", 4), "double": ("double", 8),
}
PRIM_NAMES = list(PRIMS)


@dataclass
class Struct:
    name: str
    fields: list   # (name, type, count or None) ; type is a prim name or a Struct

    def size_align(self):
        off, align = 0, 1
        for _, t, n in self.fields:
            s, a = type_size_align(t)
            s *= n or 1
            off = (off + a - 1) // a * a + s
            align = max(align, a)
        return (off + align - 1) // align * align, align


def type_size_align(t):
    if isinstance(t, Struct):
        return t.size_align()
    return PRIMS[t][1], PRIMS[t][1]


def leaves(t, path):
    """(path, prim) for every scalar inside a value of type t, in order."""
    if not isinstance(t, Struct):
        yield path, t
        return
    for fname, ft, n in t.fields:
        if n is None:
            yield from leaves(ft, f"{path}.{fname}")
        else:
            for i in range(n):
                yield from leaves(ft, f"{path}.{fname}[{i}]")


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.nstruct = 0

    def prim(self):
        r = self.rng.random()
        if r < 0.25:
            return self.rng.choice(["float", "double"])
        return self.rng.choice(PRIM_NAMES)

    def struct(self, depth=0):
        self.nstruct += 1
        s = Struct(f"S{self.nstruct}", [])
        for i in range(self.rng.randint(1, 4 if depth == 0 else 3)):
            r = self.rng.random()
            if r < 0.15 and depth < 2:
                t = self.struct(depth + 1)
            else:
                t = self.prim()
            n = self.rng.randint(1, 4) if self.rng.random() < 0.2 else None
            s.fields.append((f"f{i}", t, n))
        return s

    def type(self):
        return self.struct() if self.rng.random() < 0.6 else self.prim()

    def value(self, prim):
        rng = self.rng
        if prim == "bool":
            return rng.random() < 0.5
        if prim in ("float", "double"):
            return rng.randint(-1024, 1024) / 4
        bits = PRIMS[prim][1] * 8
        if bits == 64:
            bits = 53
        if prim.startswith("u"):
            return rng.randint(0, (1 << bits) - 1)
        return rng.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)


def all_structs(t, out):
    if isinstance(t, Struct) and t.name not in out:
        for _, ft, _ in t.fields:
            all_structs(ft, out)
        out[t.name] = t


# ------------------------------------------------------------ the computation (Python model)

def leaf_u64(prim, v):
    if prim == "bool":
        return int(v)
    if prim in ("float", "double"):
        return int(v * 4) & M64
    return v & M64


def checksum(leafvals):
    acc = 17
    for i, (prim, v) in enumerate(leafvals):
        acc = (acc * 31 + leaf_u64(prim, v) * (i + 1)) & M64
    return acc


MIX = 0x9E3779B97F4A7C15


def result_leaf(prim, acc, j):
    a = (acc + j * MIX) & M64
    if prim == "bool":
        return (a & 1) != 0
    if prim in ("float", "double"):
        return ((a % 1021) - 510) * 0.25
    bits = PRIMS[prim][1] * 8
    x = a & ((1 << bits) - 1)
    if not prim.startswith("u") and x >= 1 << (bits - 1):
        x -= 1 << bits
    return x


# ------------------------------------------------------------ emitters

def c_type(t):
    return t.name if isinstance(t, Struct) else PRIMS[t][0]


def t_type(t):
    return t.name if isinstance(t, Struct) else t


def c_struct(s):
    fields = " ".join(f"{c_type(t)} {n}{'' if c is None else f'[{c}]'};" for n, t, c in s.fields)
    return f"typedef struct {{ {fields} }} {s.name};"


def t_struct(s):
    fields = "; ".join(f"{n} : {t_type(t)}{'' if c is None else f'[{c}]'}" for n, t, c in s.fields)
    return f"struct {s.name} {{ {fields} }}"


def c_lit(prim, v):
    if prim == "bool":
        return "1" if v else "0"
    if prim in ("float", "double"):
        return repr(float(v)) + ("f" if prim == "float" else "")
    if prim == "uint64":
        return f"{v}ULL"
    if prim == "int64":
        return f"({v}LL)"
    return f"({v})"


def t_lit(prim, v):
    if prim == "bool":
        return "true" if v else "false"
    if prim in ("float", "double"):
        return f"[{prim}]({float(v)!r})"
    if prim == "uint64":
        return f"{v}ULL"
    if prim == "int64":
        return f"[int64]({v}LL)" if v >= 0 else f"[int64](-{-v}LL)"
    return f"[{prim}]({v})"


def c_leaf_u64(prim, e):
    if prim in ("float", "double"):
        return f"(uint64_t)(int64_t)({e} * 4.0)"
    if prim in ("bool",) or prim.startswith("u"):
        return f"(uint64_t)({e})"
    return f"(uint64_t)(int64_t)({e})"


def t_leaf_u64(prim, e):
    if prim in ("float", "double"):
        return f"[uint64]([int64]({e} * 4.0))"
    if prim == "bool" or prim.startswith("u"):
        return f"[uint64]({e})"
    return f"[uint64]([int64]({e}))"


def c_result(prim, j):
    a = f"(acc + {j}ULL * 0x9E3779B97F4A7C15ULL)"
    if prim == "bool":
        return f"(({a} & 1) != 0)"
    if prim in ("float", "double"):
        return f"({prim})((double)((int64_t)({a} % 1021) - 510) * 0.25)"
    return f"({PRIMS[prim][0]}){a}"


def t_result(prim, j):
    a = f"(acc + {j}ULL * 0x9E3779B97F4A7C15ULL)"
    if prim == "bool":
        return f"(({a} and 1) ~= 0)"
    if prim in ("float", "double"):
        return f"[{prim}]([double]([int64]({a} % 1021) - 510) * 0.25)"
    return f"[{prim}]({a})"


class Signature:
    def __init__(self, gen: Gen, k: int):
        self.k = k
        self.params = [gen.type() for _ in range(gen.rng.randint(0, 6))]
        self.ret = gen.type()
        self.args = []       # per parameter: list of (path-suffix, prim, value)
        leafvals = []
        for t in self.params:
            vals = [(p, prim, gen.value(prim)) for p, prim in leaves(t, "")]
            self.args.append(vals)
            leafvals += [(prim, v) for _, prim, v in vals]
        self.acc = checksum(leafvals)
        self.ret_leaves = list(leaves(self.ret, ""))
        self.expected = [result_leaf(prim, self.acc, j) for j, (_, prim) in enumerate(self.ret_leaves)]

    def structs(self, out):
        for t in self.params + [self.ret]:
            all_structs(t, out)

    # -- C
    def c_code(self):
        k, R = self.k, c_type(self.ret)
        params = ", ".join(f"{c_type(t)} a{i}" for i, t in enumerate(self.params)) or "void"
        body = ["uint64_t acc = 17;"]
        i = 0
        for pi, t in enumerate(self.params):
            for path, prim in leaves(t, f"a{pi}"):
                i += 1
                body.append(f"acc = acc * 31 + {c_leaf_u64(prim, path)} * {i}ULL;")
        body.append(f"{R} r;")
        if isinstance(self.ret, Struct):
            body.append("memset(&r, 0, sizeof r);")
        for j, (path, prim) in enumerate(leaves(self.ret, "r")):
            body.append(f"{path} = {c_result(prim, j)};")
        body.append("return r;")
        out = [f"{R} c_{k}({params}) {{ " + " ".join(body) + " }"]
        # driver
        ptypes = ", ".join(c_type(t) for t in self.params) or "void"
        d = []
        for pi, t in enumerate(self.params):
            d.append(f"{c_type(t)} a{pi};")
            for path, prim, v in self.args[pi]:
                d.append(f"a{pi}{path} = {c_lit(prim, v)};")
        call_args = ", ".join(f"a{i}" for i in range(len(self.params)))
        d.append(f"{R} got = f({call_args}); {R} want = c_{k}({call_args});")
        for j, (path, _) in enumerate(self.ret_leaves):
            d.append(f"if (got{path} != want{path}) return {j + 1};")
        d.append("return 0;")
        out.append(f"int drive_{k}({R} (*f)({ptypes})) {{ " + " ".join(d) + " }")
        return "\n".join(out)

    # -- terra
    def t_impl(self):
        params = ", ".join(f"a{i} : {t_type(t)}" for i, t in enumerate(self.params))
        body = ["var acc : uint64 = 17"]
        i = 0
        for pi, t in enumerate(self.params):
            for path, prim in leaves(t, f"a{pi}"):
                i += 1
                body.append(f"acc = acc * 31 + {t_leaf_u64(prim, path)} * {i}ULL")
        body.append(f"var r : {t_type(self.ret)}")
        for j, (path, prim) in enumerate(leaves(self.ret, "r")):
            body.append(f"{path} = {t_result(prim, j)}")
        body.append("return r")
        return f"terra t_{self.k}({params}) : {t_type(self.ret)}\n  " + "\n  ".join(body) + "\nend"

    def t_decls(self):
        k = self.k
        ft = "{" + ", ".join(t_type(t) for t in self.params) + "} -> " + t_type(self.ret)
        return (f"E.c_{k} = terralib.externfunction(\"c_{k}\", {ft})\n"
                f"E.drive_{k} = terralib.externfunction(\"drive_{k}\", {{{ft}}} -> int)")

    def t_check(self, slot):
        """Statements for the batch checker: status[slot] = 0 when both checks pass."""
        k = self.k
        s = [f"do -- signature {k}"]
        for pi, t in enumerate(self.params):
            s.append(f"  var a{pi} : {t_type(t)}")
            for path, prim, v in self.args[pi]:
                s.append(f"  a{pi}{path} = {t_lit(prim, v)}")
        call_args = ", ".join(f"a{i}" for i in range(len(self.params)))
        s.append(f"  var r = E.c_{k}({call_args})")
        for j, ((path, prim), v) in enumerate(zip(self.ret_leaves, self.expected)):
            s.append(f"  if r{path} ~= {t_lit(prim, v)} then status[{slot}] = {100 + j} end")
        s.append(f"  var d = E.drive_{k}(t_{k})")
        s.append(f"  if d ~= 0 then status[{slot}] = 1000 + d end")
        s.append("end")
        return "\n".join(s)


def generate(n=NUM_SIGNATURES, seed=SEED):
    gen = Gen(seed)
    return [Signature(gen, k) for k in range(n)]


def c_file(sigs):
    structs = {}
    for s in sigs:
        s.structs(structs)
    lines = ["#include <stdint.h>", "#include <stdbool.h>", "#include <string.h>"]
    lines += [c_struct(s) for s in structs.values()]
    lines += [s.c_code() for s in sigs]
    return "\n".join(lines) + "\n"


def t_file(sigs, lib):
    structs = {}
    for s in sigs:
        s.structs(structs)
    out = [f"terralib.linklibrary({str(lib)!r})", "E = {}"]
    # do-blocks: the translation of each definition uses chunk-level locals (200 max)
    out += [f"do {t_struct(s)} end" for s in structs.values()]
    for s in sigs:
        out.append("do\n" + s.t_decls() + "\n" + s.t_impl() + "\nend")
    n = len(sigs)
    out.append(f"local status = terralib.new(int32[{n}])")
    # several checkers per batch keep each function a reasonable size
    chunk = 25
    for c0 in range(0, n, chunk):
        body = "\n".join(sigs[i].t_check(i) for i in range(c0, min(n, c0 + chunk)))
        out.append(f"do terra check_{c0}(status : &int32)\n{body}\nend\ncheck_{c0}(status) end")
    out.append(f"local fails = 0\nfor i = 0, {n - 1} do if status[i] ~= 0 then fails = fails + 1; "
               f"print('FAIL ' .. i .. ' ' .. status[i]) end end\nprint('DONE ' .. {n} .. ' ' .. fails)")
    return "\n".join(out) + "\n"


def test_generator_is_deterministic():
    a, b = generate(50), generate(50)
    assert [s.acc for s in a] == [s.acc for s in b]
    assert [s.expected for s in a] == [s.expected for s in b]


def test_fuzz_signatures(tmp_path):
    sigs = generate()
    assert len(sigs) >= 1000
    (tmp_path / "fuzz.c").write_text(c_file(sigs))
    lib = tmp_path / "fuzz.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-w", "-o", str(lib), str(tmp_path / "fuzz.c")],
                   check=True, capture_output=True, text=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    per = (len(sigs) + BATCHES - 1) // BATCHES
    procs, failures, t0 = [], [], time.time()
    for b in range(BATCHES):
        batch = sigs[b * per:(b + 1) * per]
        script = tmp_path / f"fuzz_{b}.t"
        script.write_text(t_file(batch, lib))
        procs.append((batch, script, subprocess.Popen(
            [sys.executable, "-m", "terrapy", str(script)], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO))))
    for batch, script, p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"{script}: {err[-3000:]}"
        assert f"DONE {len(batch)} " in out, out[-2000:]
        for line in out.splitlines():
            if line.startswith("FAIL "):
                _, i, code = line.split()
                s = batch[int(i)]
                failures.append(f"signature {s.k} ({script.name}): code {code}; "
                                f"params {[t_type(t) for t in s.params]} -> {t_type(s.ret)}")
    print(f"{len(sigs)} signatures, {BATCHES} processes, {time.time() - t0:.1f}s")
    assert not failures, "\n".join(failures[:30])
