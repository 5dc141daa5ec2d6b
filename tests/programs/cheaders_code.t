-- includecstring compiles C with bodies and initialised globals; terra and Lua call it.
local C = terralib.includecstring [[
#include <stdio.h>
#include <string.h>
static inline int twice(int x) { return 2 * x; }
int counter = 4;
const int limit = 5;
struct pair { int a; double b; };
static struct pair make_pair(int a, double b) { struct pair p = { a, b }; return p; }
typedef enum { RED, GREEN = 5, BLUE } color;
#define SCALE 3
#define NAME "terrapy"
]]
assert(C.twice(21) == 42)                       -- a static inline function, from Lua
terra use() : int
  C.counter = C.counter + C.SCALE               -- a C global is an lvalue
  return C.twice(C.counter) + C.limit + C.GREEN
end
assert(use() == 14 + 5 + 5)
assert(C.counter:get() == 7)
terra pairsum() : double
  var p = C.make_pair(2, 0.5)
  return p.a + p.b
end
assert(pairsum() == 2.5)
assert(C.BLUE == 6 and C.NAME == "terrapy")
assert(C.strlen("four") == 4)
local ok, err = pcall(function() return C.not_declared end)
assert(not ok and err:find("imported symbol 'not_declared' not found", 1, true), err)
-- the header's struct and typedef are terra types
local _, tags = terralib.includecstring("struct pair { int a; double b; };")
assert(terralib.sizeof(tags.pair) == 16 and terralib.offsetof(tags.pair, "b") == 8)
print("ok")
-- errno: an lvalue in terra code, get/set from Lua
local E = terralib.includec("errno.h")
local F = terralib.includec("stdlib.h")
terra failing() : int
  E.errno = 0
  F.strtol("99999999999999999999999", nil, 10)
  return E.errno
end
assert(failing() == E.ERANGE)
E.errno:set(0)
assert(E.errno:get() == 0)
print("errno ok")
