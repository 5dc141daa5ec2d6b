-- Ends with an uncaught error object whose __tostring gives the message.
local Err = {}
Err.__index = Err
Err.__tostring = function(e) return "Err(" .. e.kind .. "): " .. e.detail end
local function newerr(kind, detail) return setmetatable({kind = kind, detail = detail}, Err) end
local ok, e = pcall(error, newerr("io", "caught"))
print(ok, tostring(e), getmetatable(e) == Err)
print("raising")
error(newerr("fatal", "uncaught error object"))
