-- LuaJIT treats 'goto' as a keyword only when a name follows it; otherwise it is
-- an ordinary identifier, even in a file that also has goto statements and labels.
local goto = "goto as a local"
local gt = {goto = "goto as a field"}
print(goto, gt.goto, gt["goto"])
gt.goto = gt.goto .. "!"
print(gt.goto)
local function goto_user(goto) return goto * 2 end
print(goto_user(21))
for i = 1, 3 do
  if i == 2 then goto continue end
  print("iteration", i, goto)
  ::continue::
end
do
  goto skip_it
  print("never")
  ::skip_it::
end
goto = nil
print(goto, gt.goto)
print(loadstring("goto = 1; return goto")())
print(loadstring("local goto; goto = 5; return goto")())
