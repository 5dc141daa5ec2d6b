-- This file uses CRLF line endings: line numbers and long strings must still match LuaJIT.
local function line() return debug.getinfo(2, "l").currentline end
print("line", line())
local s = [[
first
second]]
print(#s, s:byte(6), s:find("\r", 1, true), line())
local e = "a\
b"
print(#e, e:byte(2), line())
--[[ a block
comment ]] print("after comment", line())
print(select(2, pcall(error, "where?")))
local ok, msg = pcall(function()
  local t = nil
  return t.x
end)
print(msg)
print(loadstring("local a = 1\r\nlocal b = 2\r\nreturn a +")) 
print(loadstring("return 1\r\n+\r\n2")())
print("end", line())
