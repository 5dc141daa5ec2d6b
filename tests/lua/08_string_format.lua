-- string.format with every specifier, flags, widths and precisions.
local f = string.format
print("== integers")
print(f("%d|%5d|%-5d|%05d|%+d|% d|%.3d", 42, 42, 42, 42, 42, 42, 42))
print(f("%i|%d|%d|%d", -7, 0, -0, 3.0))
print(f("%u|%x|%X|%#x|%o|%#o|%08X", 3000000000, 255, 255, 255, 8, 8, 48879))
print(f("%d", 2^31), f("%d", -2^31), f("%d", 2^52), f("%x", 2^32 + 15))
print(pcall(f, "%d", 1.5))
print(pcall(f, "%d", "x"))
print(f("%d", "12"), f("%5.1f", "3.14159"))

print("== floats")
print(f("%f|%.2f|%10.3f|%-10.1f|%+.1f|%.0f|%#.0f", 3.14159, 3.14159, 3.14159, 3.14159, 3.14159, 2.7, 2.7))
print(f("%e|%.2e|%E|%12.4E", 12345.678, 12345.678, 0.000123, -9.87654e10))
print(f("%g|%g|%g|%g|%g|%.3g|%G", 100000, 1000000, 1e-4, 1e-5, 0.1, 3.14159, 1e-10))
print(f("%.14g|%.17g|%.1g|%#g", 1/3, 1/3, 15, 1.0))
print(f("%5.2f%%", 99.555), f("%.3f", -0.0005), f("%.1f", 0.05))

print("== special floats")
print(f("%f|%e|%g", 1/0, -1/0, 1/0))
print(f("%.1f", 1e15), f("%.0f", 2^53), f("%.0f", 2^63))

print("== strings and chars")
print(f("%s|%10s|%-10s|%.2s|%5.1s|", "hello", "hi", "hi", "hello", "xyz"))
print(f("%s %s %s %s", 1, 2.5, true, nil))
print(f("%c%c%c", 76, 117, 97), f("%5c|%-3c|", 65, 66))
print(f("%s", setmetatable({}, {__tostring = function() return "meta!" end})))
print(f("%%|%%"), pcall(f, "%5%"))

print("== %q")
print(f("%q", 'he said "hi"\n\tand \\ left'))
print(f("%q", "\0\1\127x\r"))
print(f("%q", "plain"))
print(f("%q", 1/3), f("%q", 42))

print("== errors")
print(pcall(f, "%d"))
print(pcall(f, "%z", 1))
print(pcall(f, "%10.123f", 1))
print(pcall(f))
print(f("no specifiers", 1, 2, 3))

print("== many arguments")
print(f("%d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(f("%s=%d; %s=%d", "a", 1, "b", 2))
print(f("[%3d] [%-3d] [%03d]", 7, 7, 7))
print(f("%x %X %o", 0, 0, 0), f("%.0e", 12345), f("%+.3e", 0))
print(f("%-+8.2f|", 3.14159), f("%+08.2f|", -3.14159), f("% 08.2f|", 3.14159))

print("== tostring of numbers matches %.14g")
for _, n in ipairs({1, 0.1, 1/3, 100, 1e100, 123.456, -5e-7, 2^40}) do
  io.write(tostring(n) == f("%.14g", n) and "same " or ("DIFF:" .. tostring(n) .. " "))
end
io.write("\n")
