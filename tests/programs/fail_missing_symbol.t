local nothere = terralib.externfunction("terrapy_no_such_function", {int} -> int)
terra f() : int
  return nothere(1)
end
f()
