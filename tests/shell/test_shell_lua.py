"""`require "shell"` from Lua: the interface of issue 6 line by line, Lua error values, bytes."""
import os
import subprocess

import pytest

from shell_helpers import as_text, lua_run, own_children

ALL_BYTES = bytes(range(256)) * 4


@pytest.fixture
def repo(tmp_path):
    """A git repository with a Makefile, object files in build/, C files and a log."""
    run = lambda *argv: subprocess.run(argv, cwd=tmp_path, check=True, capture_output=True)
    run("git", "init", "-q")
    (tmp_path / "Makefile").write_text("all:\n\t@echo built\n")
    (tmp_path / "build").mkdir()
    for name in ("a.o", "b.o", "keep.c", "main.c", "x.t", "y.t"):
        path = tmp_path / ("build" if name.endswith(".o") else ".") / name
        path.write_text("x\n")
    (tmp_path / "log").write_text("ok\nERROR one\nok\nERROR two\n")
    run("git", "add", "Makefile")
    run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")
    return tmp_path


def test_the_interface_of_issue_6(lua, repo, capfd):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True).stdout
    results = lua_run(lua, """
        local repo = ...
        local log, file, pat, text = repo .. "/log", repo .. "/keep.c", "x", "a\\nx1\\nb\\n"
        local out = sh.ls("-l", repo)    -- the issue says /tmp, whose files come and go under ls
        local rev = sh.git("rev-parse", "HEAD", {cwd = repo})
        local hits = sh.grep("x", {stdin = text})
        local n = sh.wc("-l", {stdin = sh.cmd.find(".", "-name", "*.t", {cwd = repo})})
        local errors = {}
        for line in sh.cmd.cat(log):pipe(sh.cmd.grep("ERROR")):lines() do errors[#errors + 1] = line end
        local found = sh.cmd.grep("-q", pat, file):ok()
        local r = sh.cmd.make("-j2", {cwd = repo}):run{check = false, timeout = 600}
        local git = sh.git:bake("-C", repo)
        local q = sh.with{cwd = "/tmp", env = {LC_ALL = "C"}}
        sh.rm("-f", "--", sh.glob(repo .. "/build/*.o"))
        local shown = sh.cmd.sed("-n", "1p", file):fg()
        local c_files = sh.with{cwd = repo}.shell("ls *.c | wc -l")
        return type(out), rev, hits, n, table.concat(errors, ","), found, r.code, r.stdout, #r.codes,
               type(r.seconds), git("rev-parse", "HEAD"), q.pwd(), q.sh("-c", "echo $LC_ALL"),
               shown.code, c_files
    """, str(repo))
    results = [as_text(value) for value in results]
    assert results == ["string", head.decode(), "x1\n", "2\n", "ERROR one,ERROR two", True, 0,
                       "built\n", 1, "number", head.decode(), "/tmp\n", "C\n", 0, "2\n"]
    assert sorted(os.listdir(repo / "build")) == []
    assert capfd.readouterr().out == "x\n"      # what fg printed went straight to terrapy's stdout


def test_a_failure_is_a_lua_table_that_pcall_can_inspect(lua):
    kind, argv1, argv3, code, signal, stderr, text = lua_run(lua, """
        local ok, e = pcall(sh.sh, "-c", "echo bad news >&2; exit 7")
        return type(e), e.argv[1], e.argv[3], e.code, e.signal, e.stderr, tostring(e)
    """)
    assert (as_text(kind), as_text(argv1), code, signal) == ("table", "sh", 7, None)
    assert as_text(argv3) == "echo bad news >&2; exit 7" and as_text(stderr) == "bad news\n"
    assert as_text(text) == ("script.lua:2: command failed with exit code 7: "
                             "sh -c 'echo bad news >&2; exit 7'\nstderr:\n  bad news")


def test_every_failure_kind_raises_a_table_and_every_misuse_a_positioned_string(lua):
    kinds = lua_run(lua, """
        local function kind(f, ...)
          local ok, e = pcall(f, ...)
          return type(e) == "table" and "table:" .. e.code or e
        end
        -- no tail calls (return f()): Lua drops the frame of a function that makes one
        return kind(sh["false"]),
               kind(function() sh.cmd.sleep(5):run{timeout = 0.1} end),
               kind(function() sh.no_such_program_xyz() end),
               kind(function() for _ in sh.cmd.sh("-c", "echo a; exit 4"):lines() do end end),
               kind(function() sh.ls({cwd = print}) end),
               kind(function() sh.ls({colour = true}) end),
               kind(function() sh.cmd.ls.run() end),
               kind(function() sh.echo("a", true) end),
               kind(function() sh.echo({"a", cwd = "/"}) end)
    """)
    assert [as_text(k) for k in kinds] == [
        "table:1", "table:143", "table:127", "table:4",
        "script.lua:11: option cwd: expected a path, got a Lua function",
        "script.lua:12: unknown option 'colour' (options are: cwd, env, stdin, stdout, stderr, "
        "timeout, check)",
        "script.lua:13: run must be called with a colon: command:run(...)",
        "script.lua:14: argument 2 is a boolean; arguments are strings, numbers or tables of them",
        "script.lua:15: a table of options cannot also hold arguments"]


def test_missing_program_from_lua(lua):
    message, path, code = lua_run(lua, """
        local ok, e = pcall(function() return sh.with{env = {PATH = "/nowhere"}}.ls() end)
        return tostring(e), e.path, e.code
    """)
    assert as_text(message) == "script.lua:2: command not found: ls (PATH searched: /nowhere)"
    assert (as_text(path), code) == ("/nowhere", 127)


def test_bytes_in_and_out_of_lua(lua, tmp_path):
    odd = os.fsencode(tmp_path) + b"/\xff name"
    # Compared inside Lua: a UTF-8 runtime cannot hand these strings back to Python.
    checks = lua_run(lua, """
        local all, odd = ...
        local copy = sh.cat({stdin = all})
        sh.cp("/dev/stdin", odd, {stdin = all})
        return copy == all, #copy, sh.printf("%s", "\\233t\\233") == "\\233t\\233",
               sh.sh("-c", 'printf %s "$V"', {env = {V = "\\255\\254"}}) == "\\255\\254",
               sh.glob(odd)[1] == odd
    """, ALL_BYTES, odd)
    assert checks == (True, 1024, True, True, True)
    assert open(odd, "rb").read() == ALL_BYTES


def test_run_returns_a_result_table(lua):
    code, stdout, stderr, codes, seconds, signal, failed, succeeded = lua_run(lua, """
        local r = sh.cmd.yes():pipe(sh.cmd.head("-2")):pipe(sh.cmd.sh("-c", "cat; echo e >&2; exit 3"))
          :run{check = false}
        return r.code, r.stdout, r.stderr, table.concat(r.codes, ","), r.seconds, r.signal, r.ok,
               sh.cmd["true"]():run().ok
    """)
    assert (code, as_text(stdout), as_text(stderr), as_text(codes)) == (3, "y\ny\n", "e\n", "141,0,3")
    assert 0 < seconds < 10 and signal is None and (failed, succeeded) == (False, True)


def test_exit_codes_and_signals_from_lua(lua):
    reported = lua_run(lua, """
        local seen = {}
        for _, code in ipairs({1, 2, 126, 200, 255}) do
          seen[#seen + 1] = sh.cmd.sh("-c", "exit " .. code):run{check = false}.code
        end
        local ok, e = pcall(sh.sh, "-c", "kill -KILL $$")
        return table.concat(seen, ","), e.signal, e.code, tostring(e):match("killed by SIGKILL") ~= nil
    """)
    assert [as_text(value) for value in reported] == ["1,2,126,200,255", 9, 137, True]


def test_with_overlays_and_removes_environment_variables(lua, monkeypatch):
    monkeypatch.setenv("SHELL_TEST_DROP", "x")
    printed = lua_run(lua, """
        local q = sh.with{env = {A = 1, B = "two", SHELL_TEST_DROP = false}}
        return q.sh("-c", 'echo "$A $B ${SHELL_TEST_DROP-unset} ${PATH:+path}"')
    """)
    assert as_text(printed) == "1 two unset path\n"


def test_arguments_flatten_by_lua_rules(lua):
    printed = lua_run(lua, 'return sh.echo("a", {"b", {"c", 1}}, 2.5, {}, {{}})')
    assert as_text(printed) == "a b c 1 2.5\n"


def test_bake_on_lazy_commands_and_programs(lua, tmp_path):
    (tmp_path / "f").write_text("")
    results = lua_run(lua, """
        local dir = ...
        local ls = sh.ls:bake("-1", {cwd = dir})
        local lazy = sh.cmd.printf:bake("%s-")
        return ls(), lazy("a", "b"):run().stdout, tostring(lazy("x")), tostring(sh.git:bake("-C", "a b"))
    """, str(tmp_path))
    assert [as_text(r) for r in results] == ["f\n", "a-b-", "printf %s- x", "git -C 'a b'"]


def test_quote_and_shell_from_lua(lua):
    same = lua_run(lua, """
        local weird = {"it's", "a b", "$(touch x)", "`x`", "a\\nb", "", "\\255"}
        for _, value in ipairs(weird) do
          if sh.shell("printf %s " .. sh.quote(value)) ~= value then return value end
        end
        return sh.quote({"a b", "c"})
    """)
    assert as_text(same) == "'a b' c"


@pytest.mark.parametrize("payload", ["; rm -rf x", "$(touch pwned)", "`touch pwned`",
                                     "x\ntouch pwned", "' && touch pwned '"])
def test_injection_attempts_are_inert_from_lua(lua, tmp_path, payload):
    (tmp_path / "x").mkdir()
    printed = lua_run(lua, """
        local dir, payload = ...
        local q = sh.with{cwd = dir}
        q.touch("--", payload)
        return q.printf("%s", payload)
    """, str(tmp_path), payload)
    assert as_text(printed) == payload
    assert set(os.listdir(tmp_path)) == {"x", payload}


def test_breaking_out_of_lines_stops_and_reaps_the_pipeline(lua):
    before = own_children()
    first = lua_run(lua, """
        local first
        for line in sh.cmd.yes("z"):pipe(sh.cmd.cat()):lines() do first = line break end
        collectgarbage() collectgarbage()   -- the abandoned stream is closed when collected
        return first
    """)
    assert as_text(first) == "z" and own_children() == before


def test_lines_stream_before_the_producer_ends(lua, tmp_path):
    flag = tmp_path / "flag"
    seen = lua_run(lua, """
        local flag = ...
        local seen = {}
        local producer = sh.cmd.sh(
          "-c", 'echo ready; while [ ! -e "$1" ]; do sleep 0.01; done; echo done', "sh", flag)
        for line in producer:lines{timeout = 20} do
          seen[#seen + 1] = line
          io.open(flag, "w"):close()
        end
        return table.concat(seen, ",")
    """, str(flag))
    assert as_text(seen) == "ready,done"


def test_stdout_option_and_ok_from_lua(lua, tmp_path):
    ok, bad, content = lua_run(lua, """
        local dir = ...
        sh.cmd.printf("b\\na\\n"):pipe(sh.cmd.sort()):run{stdout = dir .. "/sorted"}
        return sh.cmd.test("-s", dir .. "/sorted"):ok(), sh.cmd.no_such_program_xyz():ok(),
               sh.cat(dir .. "/sorted")
    """, str(tmp_path))
    assert (ok, bad, as_text(content)) == (True, False, "a\nb\n")


def test_programs_are_resolved_once_per_name(lua):
    same, dashed = lua_run(lua, 'return sh.ls == sh.ls, tostring(sh["apt-get"]:bake("-y"))')
    assert same is True and as_text(dashed) == "apt-get -y"
