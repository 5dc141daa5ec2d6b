-- __getentries must return a list of entries
struct S {}
S.metamethods.__getentries = function(self) return "x : int" end
terra f() : int var s : S; return 0 end
f()
