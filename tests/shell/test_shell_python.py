"""terrapy.shell from Python: each line of the interface in issue 6, with real programs."""
import gzip
import os
import signal

import pytest

from shell_helpers import python_child
from terrapy import shell as sh

ALL_BYTES = bytes(range(256)) * 4


def test_calling_a_program_runs_it_now_and_returns_stdout(tmp_path):
    (tmp_path / "a b.txt").write_text("x")
    assert sh.ls("-1", tmp_path) == b"a b.txt\n"


def test_a_non_zero_exit_raises_with_argv_code_and_stderr_tail():
    with pytest.raises(sh.CommandError) as caught:
        sh.ls("/no/such/dir")
    error = caught.value
    assert error.argv == ("ls", "/no/such/dir")
    assert error.code == 2 and error.signal is None
    assert b"No such file" in error.stderr
    assert str(error).startswith("command failed with exit code 2: ls /no/such/dir\nstderr:\n")


def test_cwd_option():
    assert sh.pwd(cwd="/usr") == b"/usr\n"


def test_stdin_from_text_and_from_bytes():
    assert sh.grep("x", stdin="a\nx1\nb\nx2\n") == b"x1\nx2\n"
    assert sh.cat(stdin=ALL_BYTES) == ALL_BYTES


def test_stdin_from_a_lazy_command_is_a_real_pipe(tmp_path):
    for name in ("a.t", "b.t", "c.lua"):
        (tmp_path / name).write_text("")
    assert sh.wc("-l", stdin=sh.cmd.find(".", "-name", "*.t", cwd=tmp_path)).strip() == b"2"
    # yes never ends: only a pipe (not a buffer of yes's whole output) lets this finish.
    assert sh.head("-2", stdin=sh.cmd.yes("z")) == b"z\nz\n"


def test_lines_streams_while_the_producer_is_still_running(tmp_path):
    # The producer writes one line, then waits for a file that the consumer creates only after
    # it has received that line: buffering the whole output would deadlock (hence the timeout).
    flag = tmp_path / "flag"
    producer = sh.cmd.sh("-c", 'echo ready; while [ ! -e "$1" ]; do sleep 0.01; done; echo done',
                         "sh", flag)
    seen = []
    for line in producer.pipe(sh.cmd.cat()).lines(timeout=20):
        seen.append(line)
        flag.touch()
    assert seen == [b"ready", b"done"]


def test_lines_of_a_pipeline_and_the_failure_raised_at_the_end(tmp_path):
    log = tmp_path / "log"
    log.write_text("ok 1\nERROR a\nok 2\nERROR b")
    assert list(sh.cmd.cat(log).pipe(sh.cmd.grep("ERROR")).lines()) == [b"ERROR a", b"ERROR b"]
    seen = []
    with pytest.raises(sh.CommandError) as caught:
        for line in sh.cmd.cat(log).pipe(sh.cmd.sh("-c", "head -1; exit 3")).lines():
            seen.append(line)
    assert seen == [b"ok 1"] and caught.value.code == 3


def test_ok_is_a_boolean_and_never_raises(tmp_path):
    path = tmp_path / "f"
    path.write_text("needle\n")
    assert sh.cmd.grep("-q", "needle", path).ok() is True
    assert sh.cmd.grep("-q", "hay", path).ok() is False
    assert sh.cmd.no_such_program_xyz().ok() is False
    assert sh.cmd.sleep(5).ok(timeout=0.2) is False


def test_run_reports_code_stdout_stderr_codes_and_seconds():
    result = sh.cmd.sh("-c", "echo out; echo err >&2; exit 4").run(check=False, timeout=600)
    assert (result.code, result.stdout, result.stderr, result.codes) == (4, b"out\n", b"err\n", (4,))
    assert 0 < result.seconds < 10 and not result.ok


def test_bake_binds_arguments_and_options(tmp_path):
    (tmp_path / "f").write_text("")
    ls = sh.ls.bake("-1", cwd=tmp_path)
    assert ls() == b"f\n" and ls("-a").split() == [b".", b"..", b"f"]
    lazy = sh.cmd.printf.bake("%s-")
    assert lazy("a", "b").run().stdout == b"a-b-"
    assert str(sh.cmd.git.bake("-C", "/my repo")("log")) == "git -C '/my repo' log"


def test_with_sets_cwd_and_overlays_the_environment(monkeypatch):
    monkeypatch.setenv("SHELL_TEST_KEEP", "kept")
    monkeypatch.setenv("SHELL_TEST_DROP", "dropped")
    q = sh.with_(cwd="/tmp", env={"LC_ALL": "C", "SHELL_TEST_DROP": None})
    assert q.pwd() == b"/tmp\n"
    printed = q.sh("-c", 'echo "$LC_ALL ${SHELL_TEST_KEEP} ${SHELL_TEST_DROP-unset}"')
    assert printed == b"C kept unset\n"
    assert q.cmd.pwd().run().stdout == b"/tmp\n"
    nested = q.with_(env={"EXTRA": 1})
    assert nested.sh("-c", 'echo "$LC_ALL $EXTRA"') == b"C 1\n"


def test_glob_only_when_asked_and_lists_flatten_into_argv(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    for name in ("a.o", "b.o", "keep.c"):
        (build / name).write_text("")
    q = sh.with_(cwd=tmp_path)
    assert q.glob("build/*.o") == ["build/a.o", "build/b.o"]
    with pytest.raises(sh.CommandError):
        q.ls("build/*.o")      # no file is literally named '*.o': arguments are never globbed
    q.rm("-f", "--", q.glob("build/*.o"))
    assert sorted(os.listdir(build)) == ["keep.c"]
    assert sh.echo("a", ["b", ("c", [1, 2.5])]) == b"a b c 1 2.5\n"
    assert q.glob("nothing-*") == []


def test_glob_recursive_and_bytes(tmp_path):
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "x.t").write_text("")
    (tmp_path / "top.t").write_text("")
    assert sh.with_(cwd=tmp_path).glob("**/*.t") == ["d/e/x.t", "top.t"]
    odd = os.fsencode(tmp_path) + b"/caf\xe9.t"
    open(odd, "w").close()
    assert odd in sh.glob(os.fsencode(tmp_path) + b"/*.t")


def test_fg_hands_over_terrapy_streams(capfd):
    result = sh.cmd.sh("-c", "echo to-terminal; echo to-stderr >&2").fg()
    assert result.code == 0 and result.stdout == b""
    out, err = capfd.readouterr()
    assert out == "to-terminal\n" and err == "to-stderr\n"
    with pytest.raises(sh.CommandError):
        sh.cmd.sh("-c", "exit 6").fg()


def test_shell_is_the_explicit_path_through_bin_sh_and_quote_makes_it_safe():
    assert sh.shell("printf '%s\\n' a b c | wc -l").strip() == b"3"
    for value in ["it's", "a b", "$(touch x)", "`x`", "a\nb", "", "-n", "*", b"\xff\xfe"]:
        printed = sh.shell("printf %s " + os.fsdecode(sh.quote(os.fsencode(value))))
        assert printed == os.fsencode(value)
    assert sh.quote(["a b", "c"]) == "'a b' c"


def test_missing_program_names_it_and_the_path_searched():
    with pytest.raises(sh.CommandNotFound) as caught:
        sh.with_(env={"PATH": "/nowhere:/also/not"}).ls()
    assert str(caught.value) == "command not found: ls (PATH searched: /nowhere:/also/not)"
    assert caught.value.code == 127
    assert sh.cmd.no_such_program_xyz().run(check=False).code == 127


def test_unrunnable_paths_say_why(tmp_path):
    with pytest.raises(sh.CommandError, match="cannot run /tmp: Permission denied"):
        sh.program("/tmp")()
    with pytest.raises(sh.CommandError, match="cwd /no/dir: No such file"):
        sh.ls(cwd="/no/dir")


@pytest.mark.parametrize("code", range(1, 256))
def test_exit_codes_are_reported(code):
    result = sh.cmd.sh("-c", f"exit {code}").run(check=False)
    assert (result.code, result.signal, result.ok) == (code, None, False)


@pytest.mark.parametrize("name", ["SIGHUP", "SIGINT", "SIGKILL", "SIGUSR1", "SIGALRM", "SIGTERM"])
def test_signals_are_reported(name):
    number = signal.Signals[name]
    with pytest.raises(sh.CommandError) as caught:
        sh.sh("-c", f"kill -{name[3:]} $$")
    assert (caught.value.signal, caught.value.code) == (number, 128 + number)
    assert f"killed by {name}" in str(caught.value)


def test_sigpipe_from_a_stage_whose_reader_stopped_is_success():
    result = sh.cmd.yes().pipe(sh.cmd.head("-1")).run()
    assert result.ok and result.stdout == b"y\n"
    assert result.codes == (128 + signal.SIGPIPE, 0)


def test_any_failing_stage_fails_the_pipeline_rightmost_code_wins():
    result = sh.cmd.sh("-c", "exit 3").pipe(sh.cmd.cat(), sh.cmd.sh("-c", "cat; exit 5")).run(
        check=False)
    assert result.codes == (3, 0, 5) and result.code == 5
    with pytest.raises(sh.CommandError, match=r"exit code 3: sh -c 'exit 3'\n\(stage 1 of 2"):
        sh.cmd.sh("-c", "exit 3").pipe(sh.cmd.cat()).run()


def test_bytes_end_to_end(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xff\xfe name"
    sh.cp("/dev/stdin", name, stdin=ALL_BYTES)
    assert open(name, "rb").read() == ALL_BYTES
    assert sh.gzip("-c", name, stdout=name + b".gz") == b""
    assert gzip.decompress(open(name + b".gz", "rb").read()) == ALL_BYTES
    assert sh.printf("%s", b"\xe9t\xe9") == b"\xe9t\xe9"
    assert sh.sh("-c", 'printf %s "$V"', env={b"V": b"\xff"}) == b"\xff"


def test_stdout_option_writes_a_file_relative_to_cwd(tmp_path):
    sh.cmd.printf("b\na\n").pipe(sh.cmd.sort()).run(stdout="sorted", cwd=tmp_path)
    assert (tmp_path / "sorted").read_text() == "a\nb\n"


def test_stderr_modes(capfd):
    merged = sh.sh("-c", "echo out; echo err >&2", stderr="stdout")
    assert sorted(merged.split()) == [b"err", b"out"]
    assert sh.sh("-c", "echo err >&2", stderr="inherit") == b""
    assert capfd.readouterr().err == "err\n"


@pytest.mark.parametrize("payload", [
    "; rm -rf x", "$(touch pwned)", "`touch pwned`", "x\ntouch pwned", "&& touch pwned",
    "| touch pwned", "' ; touch pwned ; '", "-rf", "> pwned", "*"])
def test_injection_attempts_are_inert(tmp_path, payload):
    (tmp_path / "x").mkdir()
    q = sh.with_(cwd=tmp_path)
    assert q.printf("%s", payload) == payload.encode()
    q.touch("--", payload)
    names = set(os.listdir(tmp_path))
    assert names == {"x", payload}
    assert q.cat("--", payload, stdin="unused") == b""


def test_stdin_defaults_to_dev_null():
    assert sh.readlink("/proc/self/fd/0") == b"/dev/null\n"
    assert sh.cat() == b""


def test_children_run_in_their_own_process_group():
    fields = sh.cut("-d", " ", "-f5", "/proc/self/stat").strip()
    assert int(fields) != os.getpgrp()


def test_usage_errors_are_shell_usage_errors():
    with pytest.raises(sh.ShellUsageError, match="unknown option 'cwdd'"):
        sh.ls(cwdd="/")
    with pytest.raises(sh.ShellUsageError, match="NUL byte"):
        sh.echo("a\0b")
    with pytest.raises(sh.ShellUsageError, match="argument 2 is nil"):
        sh.echo("a", None)
    with pytest.raises(sh.ShellUsageError, match="option stdin given to 'cat'"):
        sh.cmd.echo().pipe(sh.cmd.cat(stdin="x")).run()
    with pytest.raises(sh.ShellUsageError, match="timeout: expected a positive number"):
        sh.cmd.true().run(timeout=0)


def test_submodules_are_not_mistaken_for_programs():
    # A fresh interpreter, where lua_binding is not imported yet: `from package import name`
    # asks the package's __getattr__ first, which answers program names.
    child = python_child("from terrapy.shell import lua_binding; print(lua_binding.install.__name__)")
    out, err = child.communicate(timeout=60)
    assert out == b"install\n", err.decode()
    assert isinstance(sh.lua_binding_xyz, sh.Program)
