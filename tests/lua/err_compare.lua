-- Ends with an uncaught runtime error: comparing a number with nil.
local scores = {alice = 90, bob = 72}
local names = {"alice", "bob", "carol"}
local function passed(name)
  local score = scores[name]
  return score >= 75
end
for i = 1, 2 do print(names[i], passed(names[i])) end
print("checking carol")
print(passed(names[3]))
