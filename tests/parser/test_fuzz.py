"""Mutated Lua+Terra programs: translate() either succeeds or raises
TerraSyntaxError, never anything else."""
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from terrapy.errors import TerraSyntaxError
from terrapy.parser.translate import translate

PROGRAMS = [
    """local C = {}
struct Point { x : double; y : double }
terra Point:norm() : double
  return self.x * self.x + self.y * self.y
end
terra add(a : int, b : int) : int
  var c : int = a + b << 1
  defer free(nil)
  if c > 0 then return c elseif c < 0 then return -c else return 0 end
end
local q = quote var z = [C.x] in z end
print(add, `1 + 2, &int -> int)
""",
    """local function f(...) return select('#', ...) end
terra g(p : &int, n : int64) : {}
  for i = 0, n do @p = @p ^ i end
  switch n do case 1 then p[0] = 1 case 2 then else p[1] = 2 end
  escape for i = 1, 3 do emit quote [p][i] = i end end end
  var s = "a\\n\\x41" ::done:: goto done
end
local t = { [1] = "x", y = [[long
string]], 0x10, 1e3 } -- comment
--[[ long
comment ]]
while #t > 0 do table.remove(t) end
""",
    """local S = struct { a : int union { b : float; c : double } }
terra h :: {int} -> {int}
terra h(x : int) : int return x >> 2 end
local struct L(mt) { v : vector(float, 4) }
x = terra(a : int, ...) return 1LL, 2ULL, 3U, 4.f, 0x1p-2 end
repeat local y = x until true
import "mylang"
return S
""",
]

TOKENS = ["terra", "struct", "union", "quote", "escape", "emit", "var", "defer", "switch",
          "case", "import", "goto", "end", "do", "then", "else", "elseif", "in", "function",
          "local", "return", "if", "for", "while", "repeat", "until", "and", "or", "not",
          "nil", "true", "false", "(", ")", "{", "}", "[", "]", "[[", "]]", "[=[", ";", ":",
          "::", ",", ".", "..", "...", "=", "==", "~=", "<", "<<", ">>", "->", "@", "&", "`",
          "#", "^", "+", "-", "*", "/", "%", "\"", "'", "\\", "--", "--[[", "\n", " ", "0x",
          "1LL", "2U", "3.f", "1e", ".", "_", "x", "[x]", "a.[b]", "a:[m]()", "\t", "\x00",
          "\u00e9"]

_TOKEN = re.compile(r"\s+|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|\.\.\.|\.\.|::|->|<<|>>|[=~<>]=|.",
                    re.S)


def tokens(text):
    return _TOKEN.findall(text)


@st.composite
def mutated(draw):
    parts = tokens(draw(st.sampled_from(PROGRAMS)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "char"]))
        i = draw(st.integers(0, len(parts) - 1))
        if kind == "delete" and len(parts) > 1:
            del parts[i]
        elif kind == "duplicate":
            parts.insert(i, parts[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(parts) - 1))
            parts[i], parts[j] = parts[j], parts[i]
        elif kind == "insert":
            parts.insert(i, draw(st.sampled_from(TOKENS)))
        else:   # a character-level edit inside a token
            token = parts[i]
            k = draw(st.integers(0, len(token)))
            if draw(st.booleans()) and token:
                parts[i] = token[:k] + token[k + 1:]
            else:
                parts[i] = token[:k] + draw(st.sampled_from(TOKENS)) + token[k:]
    return "".join(parts)


def check(src):
    try:
        result = translate(src, "=fuzz", "k", importer=lambda name: None)
    except TerraSyntaxError as error:
        assert error.span is None or error.span.line >= 1
        return
    # Lua stays line-aligned: every source line is still there.
    assert result.lua.count("\n") == src.count("\n")


def test_programs_are_valid():
    for program in PROGRAMS:
        program = program.rstrip("\n")
        result = translate(program, "=fuzz", "k", importer=lambda name: None)
        assert result.lua.count("\n") == program.count("\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_never_crash(src):
    check(src)
