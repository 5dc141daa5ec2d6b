"""Options of a command or a run, validated once and merged left to right.

    cwd      directory the program starts in
    env      overlay on the current environment; a value of None or False removes the variable
    stdin    bytes or text fed to the first stage, or a lazy command whose stdout feeds it (a real pipe)
    stdout   a file path the last stage writes to, instead of the captured stdout
    stderr   "capture" (the default outside fg), "stdout" (2>&1) or "inherit" (terrapy's own stderr)
    timeout  seconds for the whole run; then the process group is terminated, then killed
    check    raise CommandError when the run fails (default true)

Options bound to a command (bake, with) are merged with those given when it runs; the later wins,
and env overlays accumulate.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from .errors import ShellUsageError

STDERR_MODES = ("capture", "stdout", "inherit")


@dataclass(frozen=True)
class Options:
    cwd: str | bytes | None = None
    env: tuple = ()
    stdin: object = None
    stdout: str | bytes | None = None
    stderr: str | None = None
    timeout: float | None = None
    check: bool | None = None

    @classmethod
    def make(cls, **options) -> "Options":
        unknown = sorted(set(options) - set(NAMES))
        if unknown:
            raise ShellUsageError(f"unknown option '{unknown[0]}' (options are: {', '.join(NAMES)})")
        return cls(**{name: _VALIDATORS[name](value) for name, value in options.items()
                      if value is not None})

    def merge(self, later: "Options") -> "Options":
        changes = {field.name: getattr(later, field.name) for field in fields(later)
                   if getattr(later, field.name) is not None and field.name != "env"}
        return replace(self, env=self.env + later.env, **changes)

    def environment(self) -> dict | None:
        """The child's environment: None (inherit, the fast path) unless an overlay was given."""
        if not self.env:
            return None
        environment = dict(os.environb)
        for key, value in self.env:
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        return environment


NAMES = tuple(field.name for field in fields(Options))


_KIND_NAMES = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
               bytes: "a string", type(None): "nil (None)", dict: "a dict", list: "a list"}


def describe(value) -> str:
    """How an error message names a value ('a number', 'a Lua table'); bindings can set the name."""
    named = getattr(value, "shell_description", None)
    return named or _KIND_NAMES.get(type(value)) or f"a {type(value).__name__} object"


def _path(name):
    def validate(value):
        if isinstance(value, (str, bytes, os.PathLike)):
            return os.fspath(value)
        raise ShellUsageError(f"option {name}: expected a path, got {describe(value)}")
    return validate


def _env(value) -> tuple:
    if not hasattr(value, "items"):
        raise ShellUsageError(
            f"option env: expected a mapping of names to values, got {describe(value)}")
    return tuple((_env_name(key), _env_value(key, item)) for key, item in value.items())


def _env_name(key) -> bytes:
    if not isinstance(key, (str, bytes)):
        raise ShellUsageError(f"option env: variable names are strings, got {describe(key)}")
    name = os.fsencode(key)
    if not name or b"=" in name or b"\0" in name:
        raise ShellUsageError(f"option env: invalid variable name {key!r}")
    return name


def _env_value(key, value) -> bytes | None:
    if value is None or value is False:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, (str, bytes)) or ("\0" if isinstance(value, str) else b"\0") in value:
        raise ShellUsageError(f"option env: {key!r} must be a string without NUL, got {describe(value)}")
    return os.fsencode(value)


def _stdin(value):
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if hasattr(value, "stages"):    # a lazy command or pipeline (command.Runnable)
        return value
    raise ShellUsageError(f"option stdin: expected text, bytes or a lazy command, got {describe(value)}")


def _stderr(value) -> str:
    if isinstance(value, bytes):    # from Lua, where every string arrives as bytes
        value = value.decode("utf-8", "replace")
    if value not in STDERR_MODES:
        raise ShellUsageError(f"option stderr: expected one of {', '.join(STDERR_MODES)}, got {value!r}")
    return value


def _timeout(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ShellUsageError(f"option timeout: expected a positive number of seconds, got {value!r}")
    return float(value)


def _check(value) -> bool:
    if not isinstance(value, bool):
        raise ShellUsageError(f"option check: expected a boolean, got {describe(value)}")
    return value


_VALIDATORS = {"cwd": _path("cwd"), "env": _env, "stdin": _stdin, "stdout": _path("stdout"),
               "stderr": _stderr, "timeout": _timeout, "check": _check}
