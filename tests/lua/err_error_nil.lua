-- Ends with error() carrying nil: luajit prints nothing and exits with status 1.
print("about to raise nil")
io.write("no newline")
error()
