-- Exits with status 3 through os.exit; buffered output must still be flushed.
print("before exit")
for i = 1, 3 do io.write(i, " ") end
io.write("unterminated output")
os.exit(3)
print("never printed")
