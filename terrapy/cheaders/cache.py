"""The on-disk cache of translated header imports (issue 4, item 7).

    k = key(header_or_code, is_code, include_path, flags, cc)
    value = lookup(k)                      # None on a miss
    if value is None:
        value, dependencies = translate(...)   # dependencies: paths from `gcc -MD`
        store(k, value, dependencies)

The key is a sha256 over the inputs, the compiler's `--version` first line
and terrapy's version. What the key cannot see -- the contents of the headers
the import read -- is checked on every lookup: `store` records (path, size,
mtime_ns) for each dependency and `lookup` stats them again; any change, or a
file gone, is a miss. A stored entry is one file, `<key>.pickle`, holding two
pickles in a row: the dependency list, then the value, so a stale entry is
rejected without unpickling the value. Writes go to a temporary file in the
same directory and are published with `os.replace` (readers never see half a
file; concurrent writers each publish a whole one).

Terra types are interned (`types.pointer(int32)` is one object) and struct
ids are unique per process, so values are pickled with `TypePickler`, which
rebuilds structural types through their interning constructors and gives
each unpickled struct a fresh id (its Lua table is not stored).

`TERRAPY_NO_CACHE=1`: every lookup misses and nothing is stored.

Also here, for inline.py and the pipeline: `parse_depfile` (a `-MD` file to
paths), `stat_dependencies` and `compiler_version`.
"""
from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import shutil
import subprocess
import tempfile

from .. import __version__, types
from ..cache import cache_dir

FORMAT = 2          # bump when the layout of a cache file changes
SUFFIX = ".pickle"


def disabled() -> bool:
    return os.environ.get("TERRAPY_NO_CACHE", "") not in ("", "0")


def directory():
    return cache_dir("cheaders")


# ---------------------------------------------------------------- compiler

_versions: dict[tuple, str] = {}


def compiler_version(cc: str) -> str:
    """First line of `cc --version` (memoised per process, by the resolved
    executable's path, size and mtime, so an upgraded compiler is seen)."""
    exe = shutil.which(cc) or cc
    try:
        real = os.path.realpath(exe)
        st = os.stat(real)
        ident = (real, st.st_size, st.st_mtime_ns)
    except OSError:
        ident = (exe, None, None)
    found = _versions.get(ident)
    if found is None:
        try:
            out = subprocess.run([cc, "--version"], capture_output=True, text=True,
                                 timeout=30).stdout
            found = out.splitlines()[0].strip() if out.strip() else f"unknown {cc}"
        except (OSError, subprocess.SubprocessError):
            found = f"unavailable {cc}"
        _versions[ident] = found
    return found


# ------------------------------------------------------------ dependencies

def parse_depfile(text: str) -> list[str]:
    """Paths named by a make-style dependency file (`gcc -MD -MF file`):
    everything after the first target's colon, with `\\`-newline
    continuations and `\\ ` escaped spaces handled. Duplicates dropped."""
    text = text.replace("\\\r\n", " ").replace("\\\n", " ")
    # only the first rule matters (-MP would add phony rules after it)
    first = text.split("\n", 1)[0]
    colon = _rule_colon(first)
    body = first[colon + 1:] if colon >= 0 else first
    paths, current, i = [], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] in " #":
            current.append(body[i + 1])
            i += 2
            continue
        if ch == "$" and i + 1 < len(body) and body[i + 1] == "$":
            current.append("$")
            i += 2
            continue
        if ch in " \t":
            if current:
                paths.append("".join(current))
                current = []
        else:
            current.append(ch)
        i += 1
    if current:
        paths.append("".join(current))
    seen, result = set(), []
    for path in paths:
        if path not in seen:
            seen.add(path)
            result.append(path)
    return result


def _rule_colon(line: str) -> int:
    i = 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        # "C:\..." drive letters never occur on the platforms we run on
        if line[i] == ":" and (i + 1 == len(line) or line[i + 1] in " \t"):
            return i
        i += 1
    return line.find(":")


def stat_dependencies(paths) -> list[tuple[str, int, int]]:
    """(absolute path, size, mtime_ns) for each file; raises OSError if one
    is missing (a dependency that vanished before it could be recorded)."""
    result = []
    for path in paths:
        path = os.path.abspath(path)
        st = os.stat(path)
        result.append((path, st.st_size, st.st_mtime_ns))
    return result


def dependencies_current(recorded) -> bool:
    stat = os.stat
    try:
        for path, size, mtime in recorded:
            st = stat(path)
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
    except OSError:
        return False
    return True


# --------------------------------------------------------------------- key

def key(header_or_code: str, is_code: bool, include_path, flags, cc: str | None = None) -> str:
    """sha256 (hex) over everything that decides an import but the header
    contents (those are checked by `lookup` through the dependency list)."""
    if cc is None:
        cc = os.environ.get("CC", "gcc")
    h = hashlib.sha256()
    for part in ("terrapy-cheaders", str(FORMAT), __version__, compiler_version(cc), cc,
                 "code" if is_code else "header", header_or_code,
                 "\0".join(normalize_include_path(include_path)),
                 "\0".join(normalize_flags(flags))):
        data = part.encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def normalize_include_path(include_path) -> list[str]:
    """`terralib.includepath` is one string, `;`-separated (Terra); also take
    os.pathsep-separated strings and lists."""
    if include_path is None:
        return []
    if isinstance(include_path, (str, bytes, os.PathLike)):
        text = os.fsdecode(include_path)
        parts = [p for chunk in text.split(";") for p in chunk.split(os.pathsep)]
    else:
        parts = [os.fsdecode(p) for p in include_path]
    return [p for p in parts if p]


def normalize_flags(flags) -> list[str]:
    if flags is None:
        return []
    if isinstance(flags, str):
        import shlex
        return shlex.split(flags)
    return [os.fsdecode(f) for f in flags]


# ------------------------------------------------------------------ pickle

def _new_struct(name):
    return types.Struct(name)


class TypePickler(pickle.Pickler):
    """Keeps terra types' identity rules across a pickle round trip."""

    def reducer_override(self, obj):
        cls = type(obj)
        if cls is types.Primitive:
            return types.primitive, (obj.name,)
        if cls is types.Pointer:
            return types.pointer, (obj.type, obj.addrspace)
        if cls is types.Array:
            return types.array, (obj.type, obj.N)
        if cls is types.Vector:
            return types.vector, (obj.type, obj.N)
        if cls is types.Function:
            return types.function, (obj.parameters, obj.returntype, obj.isvararg)
        if cls is types.Opaque:
            return _global, ("OPAQUE",)
        if cls is types.NilType:
            return _global, ("NIL",)
        if cls is types.Field:
            return types.Field, (obj.name, obj.type, obj.offset)
        if cls is types.Struct:
            if obj.tuple_types is not None:
                return types.tuple_of, tuple(obj.tuple_types)
            state = {k: v for k, v in obj.__dict__.items() if k not in ("id", "lua")}
            state["lua"] = None
            # state is applied after the object exists: self-referential structs work.
            # A C struct is the process's struct of that C identity (translate.py).
            c_key = getattr(obj, "c_key", None)
            if c_key is not None:
                return _c_struct, (obj.name, c_key), state, None, None, _c_struct_state
            return _new_struct, (obj.name,), state
        return NotImplemented


def _c_struct(name, c_key):
    from .translate import interned_struct
    struct, made_now = interned_struct(name, c_key)
    if made_now:
        _FRESH.add(struct.id)
    return struct


def _c_struct_state(struct, state):
    """Only a struct this load made takes the stored members; one the process
    already has keeps its own (the same C definition) and its Lua table."""
    fresh = struct.id in _FRESH
    _FRESH.discard(struct.id)
    if fresh or (struct.fields is None and state.get("fields") is not None):
        # (a struct only declared so far may be made, or be defined now)
        lua, c_key = struct.lua, struct.c_key
        struct.__dict__.update(state)
        struct.lua, struct.c_key = lua, c_key


_FRESH: set[int] = set()


def _global(name):
    return getattr(types, name)


def dumps(value) -> bytes:
    buffer = io.BytesIO()
    TypePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


# ----------------------------------------------------------- lookup/store

def path_for(k: str):
    return directory() / f"{k}{SUFFIX}"


def lookup(k: str):
    """The stored value, or None (no entry, unreadable entry, a dependency
    changed, or TERRAPY_NO_CACHE)."""
    if disabled():
        return None
    try:
        with open(path_for(k), "rb") as handle:
            header = pickle.load(handle)
            if not (isinstance(header, tuple) and len(header) == 3 and header[0] == FORMAT
                    and header[1] == k):
                return None
            if not dependencies_current(header[2]):
                return None
            # a fresh unpickler: memo indices of the first pickle must not leak.
            # The collector is paused: thousands of new objects would trigger it.
            enabled = gc.isenabled()
            gc.disable()
            try:
                return pickle.load(handle)
            finally:
                if enabled:
                    gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        return None


def store(k: str, value, dependencies) -> bool:
    """Record `value` under `k` with its dependencies: paths (stat now) or
    (path, size, mtime_ns) triples. Returns False if nothing was stored
    (TERRAPY_NO_CACHE, a dependency missing, or a value that cannot be
    pickled); a failed store never breaks an import."""
    if disabled():
        return False
    try:
        recorded = []
        for d in dependencies:
            if isinstance(d, (str, bytes, os.PathLike)):
                recorded.extend(stat_dependencies([os.fsdecode(d)]))
            else:
                path, size, mtime = d
                recorded.append((os.path.abspath(path), int(size), int(mtime)))
        buffer = io.BytesIO()
        pickle.dump((FORMAT, k, recorded), buffer, protocol=pickle.HIGHEST_PROTOCOL)
        TypePickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    folder = directory()
    fd, temporary = tempfile.mkstemp(prefix=f".{k[:16]}-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(temporary, path_for(k))
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True
