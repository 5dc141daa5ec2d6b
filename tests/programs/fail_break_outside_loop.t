terra f()
  break
end
f()
