-- An in-memory sqlite3 database from Lua, through the C API named by its header.
local ffi = require "ffi"
local S = terralib.includec("sqlite3.h")
terralib.linklibrary("libsqlite3.so")

local db = terralib.new((&S.sqlite3)[1])
assert(S.sqlite3_open(":memory:", db) == S.SQLITE_OK)
local function exec(sql)
  local rc = S.sqlite3_exec(db[0], sql, nil, nil, nil)
  assert(rc == S.SQLITE_OK, ffi.string(S.sqlite3_errmsg(db[0])))
end
exec("create table langs (name text, year integer)")
exec("insert into langs values ('Lua', 1993), ('Terra', 2012), ('terrapy', 2026)")

local stmt = terralib.new((&S.sqlite3_stmt)[1])
assert(S.sqlite3_prepare_v2(db[0], "select name, year from langs order by year", -1, stmt, nil)
       == S.SQLITE_OK)
local rows = {}
while S.sqlite3_step(stmt[0]) == S.SQLITE_ROW do
  local name = ffi.string(S.sqlite3_column_text(stmt[0], 0))
  rows[#rows + 1] = name .. "=" .. S.sqlite3_column_int(stmt[0], 1)
end
S.sqlite3_finalize(stmt[0])
S.sqlite3_close(db[0])
assert(table.concat(rows, ",") == "Lua=1993,Terra=2012,terrapy=2026", table.concat(rows, ","))
print("sqlite " .. ffi.string(S.sqlite3_libversion()) .. ": " .. table.concat(rows, ", "))
