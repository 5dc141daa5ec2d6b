"""Code that headers and `includecstring` define, compiled so it can be called
by address (issue 4, item 4).

    so = compile_header_code(source, is_code, include_path, flags,
                             function_names, variable_names)
    so.address("baz")     # int: where the function/variable is, in this process
    so.symbols["baz"]     # a dynamic symbol whose address is exactly that
    so.skipped            # requested names that could not be exported, and why

`static inline` functions of a header (and `static`/C99-`inline` code and
initialised globals of an includecstring) have no symbol anyone can bind
to. We compile a translation unit -- `#include "header"`, or the code itself
-- followed by one generated line per requested name:

    extern __typeof__(f) f; __typeof__(f) *const __terrapy_ptr_<tok>_f = &f;

How this approach was chosen, and why it is exact:

* No C parser and no signatures: `__typeof__` lets gcc itself write the type,
  so varargs, K&R prototypes, struct returns, arrays, `const` globals and
  `__asm__` link names (scanf -> __isoc99_scanf) all come out right. A
  wrapper function that *calls* the static one would need the parameter list
  (and cannot forward `...`); taking the address needs nothing.
* The `extern` redeclaration turns a C99 `inline` definition (no extern
  declaration anywhere, so no body would be emitted) into an external
  definition in this unit; for `static` names it is a no-op (C11 6.2.2p4),
  for glibc's `extern inline __gnu_inline__` it is harmless (libc has them).
* Taking the address forces gcc to emit the body of a static inline function.
* We compile to assembly (`-S`) first. The initialiser of each pointer is a
  line `.quad <target>` naming the target's assembler symbol. If the target
  is defined in this unit (a static or a global of the code) we append
      .globl __terrapy_wrap_<tok>_f ; .type ...; .set __terrapy_wrap_<tok>_f, <target>
  -- an exported alias at the very same address (no call, no trampoline);
  `symbols[f]` is that alias. If the target is defined elsewhere (libc),
  `symbols[f]` is the target itself (the real link name). Either way the JIT
  can resolve the name through the process, since the library is loaded
  RTLD_GLOBAL. `<tok>` is new for every compile, so two versions of one
  header loaded into one process never collide.
* `address(name)` reads the exported pointer after dlopen: the dynamic
  linker's own answer, needing no assembly parsing at all.
* A requested name the compiler rejects in the generated section (a
  typedef, an enum constant, a thread-local, a macro like `errno` that is
  not an lvalue at file scope) is dropped and reported in `skipped`; errors
  in the header or the code raise CCompileError naming file and line.

Caching: the .so lives in cache_dir("cheaders") as `<key>-<tok>.so`; the key
is a sha256 of the source text, is_code, include path, flags, requested
names, `cc --version` and terrapy's version. A manifest `<key>.json` records
the `-MD` dependencies (path, size, mtime_ns); any change recompiles. The
file name changes with each compile because the dynamic loader would return
an already loaded library of the same path. TERRAPY_NO_CACHE=1 compiles
every time into a temporary directory.
"""
from __future__ import annotations

import atexit
import ctypes
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time

from .. import __version__
from . import cache as _cache

GENERATED = "<terrapy-generated>"
CODE_NAME = "<includecstring>"
HEADER_NAME = "<includec>"
FORMAT = 1
BASE_FLAGS = ["-O2", "-fPIC", "-U_FORTIFY_SOURCE"]
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ERROR = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?:(?P<col>\d+):)?\s*(?:fatal )?error:\s*(?P<msg>.*)$")
_LABEL = re.compile(r"^([A-Za-z_.$][\w.$@]*):")
_GLOBAL = re.compile(r"^\s*\.(?:globl|global|weak)\s+([\w.$@]+)")
_DATA = re.compile(r"^\s*\.(?:quad|xword|8byte|dword|long|4byte|word)\s+(.+?)\s*$")

# compiles done by this process (tests use it as the "did it recompile" counter)
compile_count = 0
_loaded: dict[str, "SharedObject"] = {}


class CCompileError(Exception):
    """The C compiler rejected the code (or the result would not load)."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None, output: str = ""):
        self.message, self.file, self.line, self.column = message, file, line, column
        self.output = output
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        super().__init__(f"{where}{message}")


class SharedObject:
    """A compiled and loaded shared object."""

    def __init__(self, path: str, library: ctypes.CDLL, symbols: dict[str, str],
                 pointers: dict[str, str], skipped: dict[str, str], dependencies: list):
        self.path = path
        self.library = library
        self.symbols = symbols          # C name -> exported symbol at that address
        self.pointers = pointers        # C name -> exported pointer variable holding it
        self.skipped = skipped          # C name -> why it could not be exported
        self.dependencies = dependencies  # [(path, size, mtime_ns)] from -MD

    def address(self, name: str) -> int:
        """The address of function/variable `name` in this process."""
        pointer = self.pointers.get(name)
        if pointer is not None:
            value = ctypes.c_void_p.in_dll(self.library, pointer).value
            if value:
                return value
        if name in self.skipped:
            raise KeyError(f"{name}: {self.skipped[name]}")
        symbol = self.symbols.get(name, name)
        try:
            return ctypes.cast(self.library[symbol], ctypes.c_void_p).value
        except AttributeError:
            raise KeyError(f"{name}: no such symbol in {self.path}") from None

    def __repr__(self):
        return f"SharedObject({self.path!r}, {sorted(self.symbols)})"


def compile_header_code(source: str, is_code: bool, include_path, flags,
                        function_names, variable_names, cc: str | None = None) -> SharedObject:
    """Compile (or reuse) a shared object exporting the requested names.

    source: the header name (`#include "source"`) or, if is_code, C code.
    include_path: `;`/os.pathsep-separated string or list of directories.
    flags: list (or shell-quoted string) of extra compiler flags."""
    cc = cc or os.environ.get("CC", "gcc")
    names = []
    for name in list(function_names or ()) + list(variable_names or ()):
        if not _IDENT.match(name):
            raise ValueError(f"not a C identifier: {name!r}")
        if name not in names:
            names.append(name)
    variables = set(variable_names or ()) - set(function_names or ())
    include_path = _cache.normalize_include_path(include_path)
    flags = _cache.normalize_flags(flags)
    key = _key(source, is_code, include_path, flags, cc, names, variables)
    nocache = _cache.disabled()

    if not nocache:
        found = _loaded.get(key)
        if found is not None and _cache.dependencies_current(found.dependencies):
            return found
        found = _from_manifest(key)
        if found is not None:
            _loaded[key] = found
            return found
    result = _compile(key, source, is_code, include_path, flags, cc, names, variables, nocache)
    if not nocache:
        _loaded[key] = result
    return result


def _key(source, is_code, include_path, flags, cc, names, variables) -> str:
    h = hashlib.sha256()
    for part in ("terrapy-inline", str(FORMAT), __version__, _cache.compiler_version(cc), cc,
                 "code" if is_code else "header", source, "\0".join(include_path),
                 "\0".join(flags), "\0".join(names), "\0".join(sorted(variables))):
        data = part.encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _from_manifest(key: str) -> SharedObject | None:
    folder = _cache.directory()
    try:
        with open(folder / f"{key}.json", encoding="utf-8") as handle:
            manifest = json.load(handle)
        if manifest.get("format") != FORMAT:
            return None
        dependencies = [tuple(d) for d in manifest["dependencies"]]
        if not _cache.dependencies_current(dependencies):
            return None
        path = str(folder / manifest["so"])
        library = ctypes.CDLL(path, mode=os.RTLD_GLOBAL)
        return SharedObject(path, library, manifest["symbols"], manifest["pointers"],
                            manifest["skipped"], dependencies)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _translation_unit(source, is_code, names, pointers, variables) -> str:
    lines = ["/* generated by terrapy.cheaders.inline */"]
    if is_code:
        lines.append(f'#line 1 "{CODE_NAME}"')
        lines.append(source if source.endswith("\n") else source + "\n")
    else:
        lines.append(f'#line 1 "{HEADER_NAME}"')
        lines.append(f'#include "{source}"' if not source.startswith("<") else f"#include {source}")
    lines.append(f'#line 1 "{GENERATED}"')
    attributes = '__attribute__((visibility("default"), used))'
    for name in names:
        lines.append(f"extern __typeof__({name}) {name}; "
                     f"{attributes} __typeof__({name}) *const {pointers[name]} = &{name};")
    return "\n".join(lines) + "\n"


def _first_error(output: str):
    for line in output.splitlines():
        m = _ERROR.match(line)
        if m:
            return m
    return None


def _run(command, cwd):
    try:
        # LC_ALL=C: gcc's messages in English and ASCII quotes, so "error:" is found
        env = dict(os.environ, LC_ALL="C", LANG="C")
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace",
                              env=env)
    except OSError as error:
        raise CCompileError(f"cannot run the C compiler {command[0]!r}: {error}") from None


def _compile(key, source, is_code, include_path, flags, cc, names, variables, nocache):
    global compile_count
    folder = _cache.directory()
    token = hashlib.sha256((key + secrets.token_hex(8)).encode()).hexdigest()[:12]
    pointers = {n: f"__terrapy_ptr_{token}_{n}" for n in names}
    skipped: dict[str, str] = {}
    includes = [f"-I{d}" for d in include_path]
    work = tempfile.mkdtemp(prefix="terrapy-inline-", dir=None if nocache else folder)
    try:
        unit = os.path.join(work, "unit.c")
        asm = os.path.join(work, "unit.s")
        depfile = os.path.join(work, "unit.d")
        while True:
            live = [n for n in names if n not in skipped]
            with open(unit, "w", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write(_translation_unit(source, is_code, live, pointers, variables))
            started = time.time_ns()
            compile_count += 1
            done = _run([cc, *BASE_FLAGS, *flags, *includes, "-S", "-MD", "-MF", depfile,
                         "-o", asm, unit], work)
            if done.returncode == 0:
                break
            output = done.stderr + done.stdout
            dropped = False
            for line in output.splitlines():
                m = _ERROR.match(line)
                if m and m["file"] == GENERATED:
                    index = int(m["line"]) - 1
                    if 0 <= index < len(live) and live[index] not in skipped:
                        skipped[live[index]] = m["msg"]
                        dropped = True
            first = _first_error(output)
            if first is not None and first["file"] != GENERATED:
                raise CCompileError(first["msg"], first["file"], int(first["line"]),
                                    int(first["col"]) if first["col"] else None, output)
            if not dropped:
                text = output.strip().splitlines()
                raise CCompileError(text[-1] if text else f"{cc} failed", output=output)

        with open(asm, encoding="utf-8", errors="surrogateescape") as handle:
            assembly = handle.read()
        symbols, extra = _aliases(assembly, pointers, token, variables, skipped)
        if extra:
            with open(asm, "a", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write("\n" + "\n".join(extra) + "\n")
        link_flags = [f for f in flags if f.startswith(("-l", "-L", "-Wl,", "-m", "-pthread"))
                      or f in ("-pthread", "-fuse-ld")]
        built = os.path.join(work, "unit.so")
        done = _run([cc, "-shared", "-fPIC", *link_flags, "-o", built, asm], work)
        if done.returncode != 0:
            output = done.stderr + done.stdout
            text = output.strip().splitlines()
            raise CCompileError(f"linking failed: {text[-1] if text else ''}", output=output)

        with open(depfile, encoding="utf-8", errors="surrogateescape") as handle:
            paths = _cache.parse_depfile(handle.read())
        unit_real = os.path.realpath(unit)
        paths = [p for p in paths if os.path.realpath(os.path.join(work, p)) != unit_real]
        dependencies = _cache.stat_dependencies(os.path.join(work, p) for p in paths)
        stable = all(mtime < started for _p, _s, mtime in dependencies)

        if nocache:
            path = built       # its temporary directory goes when the process ends
            atexit.register(shutil.rmtree, work, True)
            work = None
        else:
            so_name = f"{key}-{token}.so"
            path = str(folder / so_name)
            os.replace(built, path)
        try:
            library = ctypes.CDLL(path, mode=os.RTLD_GLOBAL)
        except OSError as error:
            raise CCompileError(f"the compiled code does not load: {error}") from None
        result = SharedObject(path, library, symbols, {n: p for n, p in pointers.items()
                                                       if n not in skipped},
                              skipped, dependencies)
        if not nocache and stable:
            _write_manifest(folder, key, so_name, result)
        return result
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _aliases(assembly: str, pointers, token, variables, skipped):
    """symbols for every compiled name, and the assembler lines that export
    aliases for targets defined in this unit."""
    labels, globals_, initialisers = set(), set(), {}
    by_pointer = {p: n for n, p in pointers.items() if n not in skipped}
    pending = None
    for line in assembly.splitlines():
        m = _LABEL.match(line)
        if m:
            labels.add(m.group(1))
            pending = by_pointer.get(m.group(1))
            continue
        m = _GLOBAL.match(line)
        if m:
            globals_.add(m.group(1))
            continue
        if pending is not None:
            m = _DATA.match(line)
            if m:
                initialisers[pending] = m.group(1).split("@")[0].strip()
                pending = None
    symbols, extra = {}, []
    for name in by_pointer.values():
        target = initialisers.get(name)
        if target is None or not re.fullmatch(r"[\w.$]+", target):
            continue     # address() still works through the pointer
        if target in labels:
            alias = f"__terrapy_wrap_{token}_{name}"
            kind = "@object" if name in variables else "@function"
            extra += [f"\t.globl\t{alias}", f"\t.type\t{alias}, {kind}", f"\t.set\t{alias}, {target}"]
            symbols[name] = alias
        else:
            symbols[name] = target
    return symbols, extra


def _write_manifest(folder, key, so_name, result: SharedObject):
    manifest_path = folder / f"{key}.json"
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            old = json.load(handle).get("so")
    except (OSError, ValueError, AttributeError):
        old = None
    manifest = {"format": FORMAT, "so": so_name, "symbols": result.symbols,
                "pointers": result.pointers, "skipped": result.skipped,
                "dependencies": [list(d) for d in result.dependencies]}
    fd, temporary = tempfile.mkstemp(prefix=f".{key[:16]}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle)
        os.replace(temporary, manifest_path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    if old and old != so_name:
        try:   # a loaded mapping survives the unlink
            os.unlink(folder / old)
        except OSError:
            pass
