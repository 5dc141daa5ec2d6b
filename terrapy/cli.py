"""The `terrapy` command (LANGUAGE.md §20): run a script, `-e` chunks, stdin,
or an interactive loop; errors as `file:line:col`, the source line and a caret."""
from __future__ import annotations

import os
import sys

USAGE = """\
usage: terrapy [options] [script | -] [args...]
  -e, --execute CHUNK   run CHUNK (Lua/Terra) before the script; repeatable
  -i, --interactive     enter the interactive loop after running the script
  -v, --verbose         more output (repeatable; sets terralib.isverbose)
  -g, --debugsymbols    emit debug information (repeatable; sets terralib.isdebug)
  -h, --help            show this help and exit
      --version         show the version and exit
  -                     read the script from standard input
With no script, standard input is run as one chunk when it is not a terminal;
on a terminal, the interactive loop starts.
"""


class Options:
    def __init__(self):
        self.chunks: list[str] = []
        self.interactive = False
        self.verbose = 0
        self.debug = 0
        self.script: str | None = None
        self.args: list[str] = []
        self.interpreter_args: list[str] = []


class UsageError(Exception):
    pass


def parse_options(argv: list[str]) -> Options:
    options = Options()
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-e", "--execute"):
            if i + 1 >= len(argv):
                raise UsageError(f"'{arg}' needs an argument")
            options.chunks.append(argv[i + 1])
            i += 2
            continue
        if arg in ("-i", "--interactive"):
            options.interactive = True
        elif arg in ("-v", "--verbose"):
            options.verbose += 1
        elif arg in ("-g", "--debugsymbols"):
            options.debug += 1
        elif arg == "--":
            i += 1
            break
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unrecognized option '{arg}'")
        else:
            break
        i += 1
    options.interpreter_args = argv[:i]
    if i < len(argv):
        options.script = argv[i]
        options.args = argv[i + 1:]
    return options


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "-h" in argv[:1] or "--help" in argv[:1]:
        sys.stdout.write(USAGE)
        return 0
    if argv[:1] == ["--version"]:
        from . import __version__
        print(f"terrapy {__version__}")
        return 0
    try:
        options = parse_options(argv)
    except UsageError as error:
        sys.stderr.write(f"terrapy: {error}\n{USAGE}")
        return 2
    if "-h" in options.interpreter_args or "--help" in options.interpreter_args:
        sys.stdout.write(USAGE)
        return 0
    try:
        return run(options)
    except KeyboardInterrupt:
        sys.stderr.write("terrapy: interrupted\n")
        return 130
    except Exception as error:   # a bug in terrapy: say so, with the Python traceback
        import traceback
        sys.stderr.write("terrapy: internal error (this is a bug in terrapy, please report it):\n")
        traceback.print_exception(error)
        return 70


def run(options: Options) -> int:
    from .runtime.state import LuaError, Runtime
    runtime = Runtime(verbose=options.verbose, debug=options.debug)
    runtime.set_args(options.script, options.args, options.interpreter_args)
    try:
        for chunk in options.chunks:
            runtime.call(runtime.load_string(chunk.encode("utf-8", "surrogateescape"), b"=(command line)"))
        if options.script is not None:
            path = None if options.script == "-" else options.script
            function = runtime.load_file(path)
            runtime.call(function, *(a.encode("utf-8", "surrogateescape") for a in options.args))
        elif not options.chunks and not options.interactive:
            if sys.stdin.isatty():
                options.interactive = True
            else:
                runtime.call(runtime.load_file(None))
    except LuaError as error:
        report(error)
        return 1
    if options.interactive:
        from .interactive import loop
        loop(runtime)
    return 0


def report(error) -> None:
    """An uncaught error: syntax errors with column and caret, others with a traceback."""
    sys.stdout.flush()
    if error.syntax is not None and error.traceback is None:
        sys.stderr.write(f"terrapy: {error.syntax.render()}\n")
        return
    if error.syntax is not None:
        # a compile error: every diagnostic with its caret, then where Lua was
        sys.stderr.write(f"terrapy: {error.syntax.render()}\n")
        from .runtime.state import INTERNAL_FRAME       # terralib's own frames
        lines = (error.traceback or "").strip("\n").split("\n")
        cut = next((i for i, l in enumerate(lines) if "in function 'xpcall'" in l), len(lines))
        sys.stderr.write("\n".join(l for l in lines[:cut] if not INTERNAL_FRAME.search(l)
                                    and "in function 'error'" not in l) + "\n")
        return
    sys.stderr.write(f"terrapy: {error.message}\n")
    if error.traceback:
        # terrapy's own frames (the protected call that ran the chunk) are noise.
        lines = error.traceback.strip("\n").split("\n")
        cut = next((i for i, l in enumerate(lines) if "in function 'xpcall'" in l), len(lines))
        sys.stderr.write("\n".join(lines[:cut]) + "\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
