"""terrapy.shell: the machine's programs as functions, pipelines without a shell.

    from terrapy import shell as sh
    sh.ls("-l", "/tmp")                          # runs now; stdout as bytes; raises CommandError
    sh.git("rev-parse", "HEAD", cwd=repo)
    sh.wc("-l", stdin=sh.cmd.find(".", "-name", "*.t"))     # a lazy command as stdin: a real pipe
    for line in sh.cmd.cat(log).pipe(sh.cmd.grep("ERROR")).lines(): ...
    sh.cmd.grep("-q", pattern, path).ok()        # a boolean, never raises
    r = sh.cmd.make("-j2").run(check=False, timeout=600)   # r.code r.stdout r.stderr r.codes r.seconds
    git = sh.git.bake("-C", repo);  q = sh.with_(cwd="/tmp", env={"LC_ALL": "C"})
    sh.rm("-f", "--", sh.glob("build/*.o"));  sh.cmd.vim(path).fg();  sh.shell("ls *.c | wc -l")

Lua sees the same module as `require "shell"` (lua_binding.py). Module layout, one job each:
argv (values -> words), options, plan (command + run options -> stages), process (spawning one
stage), pipeline (running all stages), result, errors, command (lazy values), namespace (sh.X),
terminal (fg), globbing, quoting.
"""
import importlib
import pkgutil

from .command import Command, Pipeline
from .errors import CommandError, CommandNotFound, ShellUsageError
from .namespace import Commands, Program, Shell
from .result import Result

_shell = Shell()     # private: `sh.sh` must stay the program sh
cmd = _shell.cmd
program = _shell.program
glob = _shell.glob
shell = _shell.shell
with_ = _shell.with_
quote = Shell.quote

__all__ = ["Command", "CommandError", "CommandNotFound", "Commands", "Pipeline", "Program",
           "Result", "Shell", "ShellUsageError", "cmd", "glob", "program", "quote", "shell", "with_"]


# The submodules keep their names: `from terrapy.shell import lua_binding` asks this module for the
# attribute before importing the submodule, and must not get the program "lua_binding".
_SUBMODULES = frozenset(module.name for module in pkgutil.iter_modules(__path__))


def __getattr__(name: str):
    """`terrapy.shell.ls` is the program ls, as `sh.ls` is."""
    if name.startswith("_"):
        raise AttributeError(name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    return _shell.program(name)
