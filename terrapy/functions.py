"""Terra functions and globals as the compiler sees them (no lupa here).

A `TerraFunction` moves through Terra's moments: declared (a type, maybe),
defined (a body and the Lua scope it was written in), specialized, typed,
compiled (an address). The Lua function object holds one of these.
"""
from __future__ import annotations

import itertools

_ids = itertools.count(1)


class TerraFunction:
    def __init__(self, name: str):
        self.name = name
        self.id = next(_ids)
        self.type = None            # types.Function, declared or inferred
        self.definition = None      # trees.FunctionBody
        self.environment = None     # runtime's Environment (opaque here)
        self.self_type = None       # for methods: the struct `self` points to
        self.specialized = None     # (params: [Symbol], body) after specialization
        self.typed = None           # typed.FunctionCode after type checking
        self.errors = None          # a TerraError once it failed: it stays failed
        self.extern_name = None     # set for externfunction / C functions
        self.inline = None          # setinlined(bool)
        self.optimize = True        # setoptimized(bool)
        self.address = None         # C-ABI entry point, once compiled
        self.lua = None             # the Lua function object (runtime side)
        self.checking = False       # type checking is in progress (recursion)
        self.callingconv = None     # setcallingconv("fastcc"): LLVM's name, internal calls
        self.noreturn = False       # setnoreturn(true)
        self.stats = {}             # seconds per phase, for printstats
        self.unit_size = None       # functions in the module it was compiled in

    @property
    def symbol(self) -> str:
        """The LLVM symbol: unique per function (several runtimes share one JIT)."""
        if self.extern_name is not None:
            return self.extern_name
        safe = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in self.name)
        return f"$terra_{safe}_{self.id}"

    def __repr__(self):
        return f"<terra function {self.name}>"


class GlobalVariable:
    def __init__(self, type_, name: str, initializer=None, extern_name=None, constant=False):
        self.type = type_
        self.name = name
        self.id = next(_ids)
        self.initializer = initializer   # Python value (number/bool) or None
        self.extern_name = extern_name
        self.constant = constant
        self.address = None

    @property
    def symbol(self) -> str:
        if self.extern_name is not None:
            return self.extern_name
        return f"$global_{self.name}_{self.id}"
