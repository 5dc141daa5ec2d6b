"""The pipeline after definition: type check on demand, then compile a
function together with every terra function it reaches, as one LLVM module.

    specialized function --typecheck--> typed code --lower--> IR --jit--> address

The `resolver` (runtime side) answers the questions that need Lua: struct
members, methods. Functions that failed stay failed (Terra's rule).
"""
from __future__ import annotations

import time

from . import types
from . import typed as X
from .errors import CompileErrors, Diagnostics, Poison, TerraError
from .typecheck import FunctionChecker


class Compiler:
    def __init__(self, resolver):
        self.resolver = resolver
        self.units = 0
        self.pinned: list = []

    # --------------------------------------------------------- type checking
    def function_type(self, function, span, diagnostics: Diagnostics):
        """The type of a referenced function, type-checking it now if needed."""
        if function.errors is not None:
            self.report_inner(function.errors, diagnostics)
            diagnostics.error(f"referenced function '{function.name}' has errors", span)
            return None
        if function.definition is None and function.extern_name is None:
            if function.type is not None:
                return function.type
            diagnostics.error(f"function '{function.name}' is declared but not defined", span)
            return None
        if function.typed is None and function.extern_name is None:
            if function.checking:
                if function.type is None or function.type.returntype is None:
                    diagnostics.error("function being recursively referenced needs an explicit "
                                      "return type", span)
                    return None
                return function.type
            try:
                self.typecheck(function)
            except CompileErrors as errors:
                self.report_inner(errors, diagnostics)
                diagnostics.error(f"referenced function '{function.name}' has errors", span)
                return None
        return function.type

    def report_inner(self, errors, diagnostics):
        """A referenced function's own errors are shown once, before the reference."""
        for error in errors.errors:
            if error not in diagnostics.errors:
                diagnostics.errors.append(error)

    def typecheck(self, function):
        if function.errors is not None:
            raise function.errors
        if function.typed is not None or function.extern_name is not None:
            return function.typed
        if function.specialized is None:
            raise TerraError(f"terra function '{function.name}' is declared but not defined")
        diagnostics = Diagnostics("typechecking")
        params, body = function.specialized
        function.checking = True
        started = time.perf_counter()
        try:
            checker = FunctionChecker(self, function, diagnostics)
            try:
                code = checker.check(params, body)
            except Poison:
                code = None
            diagnostics.check()
        except CompileErrors as errors:
            function.errors = errors
            raise
        finally:
            function.checking = False
        function.stats["typecheck"] = time.perf_counter() - started
        function.typed = code
        function.type = code.type
        return code

    def complete(self, t, span, diagnostics: Diagnostics):
        """Make a struct's layout known (its Lua `entries` are read now)."""
        if isinstance(t, types.Struct) and t.fields is None:
            try:
                self.resolver.complete(t)
            except TerraError as error:
                diagnostics.error(error.message, span)
                raise Poison() from None
        elif isinstance(t, types.Array):
            self.complete(t.type, span, diagnostics)

    def keep_alive(self, value):
        """Lua memory that compiled code refers to by address stays allocated."""
        self.pinned.append(value)

    def method(self, struct, name, span):
        found = self.resolver.method(struct, name, span)
        return None if found.kind == "nil" else found

    # ------------------------------------------------------------ compiling
    def compile(self, function) -> int:
        """Compile `function` and everything it reaches; return its C entry address."""
        if function.address is not None:
            return function.address
        self.typecheck(function)
        started = time.perf_counter()
        unit = self.reachable(function)
        self.check_externs(unit)
        from .codegen.jit import jit
        from .codegen.lower import ModuleBuilder
        engine = jit()
        self.units += 1
        builder = ModuleBuilder(f"terra{self.units}", engine.triple, engine.data_layout)
        for member in unit:
            builder.define(member.typed)
        for variable in self.globals_of(unit):
            self.resolver.allocate_global(variable)
            engine.register(variable.symbol, variable.address)
        optimized = engine.add(str(builder.module), 3 if all(m.optimize for m in unit) else 0)
        from .codegen.cabi import entry_name
        for member in unit:
            member.internal_address = engine.address(member.symbol)
            member.address = engine.address(entry_name(member))
            engine.register(member.symbol, member.internal_address)
            engine.register(entry_name(member), member.address)
            member.module = optimized
        elapsed = time.perf_counter() - started
        for member in unit:                  # the unit compiles as one module
            member.stats["compile"] = elapsed
            member.unit_size = len(unit)
        return function.address

    def check_externs(self, unit):
        """A C function no library defines is reported at its call, not left for the
        JIT's linker to abort on."""
        diagnostics = Diagnostics("compilation")
        for member in unit:
            for node in walk_code(member.typed):
                if isinstance(node, X.FuncRef) and node.function.extern_name \
                        and not getattr(node.function, "intrinsic", False) \
                        and not self.resolver.symbol_exists(node.function.extern_name):
                    diagnostics.error(f"call to C function '{node.function.name}': symbol "
                                      f"'{node.function.extern_name}' not found in the process "
                                      "or any library loaded with terralib.linklibrary",
                                      node.span)
        diagnostics.check()

    def reachable(self, function):
        """Uncompiled terra functions reachable from `function` (type-checked)."""
        seen, order, stack = set(), [], [function]
        while stack:
            current = stack.pop()
            if current.id in seen or current.address is not None or current.extern_name:
                continue
            seen.add(current.id)
            self.typecheck(current)
            order.append(current)
            stack.extend(references(current.typed))
        return order

    def globals_of(self, unit):
        found = {}
        for member in unit:
            for node in walk_code(member.typed):
                if isinstance(node, X.GlobalRef) and node.variable.extern_name is None:
                    found[node.variable.id] = node.variable
        return list(found.values())


def references(code):
    return [node.function for node in walk_code(code) if isinstance(node, X.FuncRef)]


def walk_code(code):
    """Every typed node (expressions and statements) of a function."""
    stack = [code.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(item for item in node if _is_node(item))
            continue
        yield node
        for name in getattr(type(node), "__slots__", ()):
            value = getattr(node, name, None)
            if _is_node(value):
                stack.append(value)


def _is_node(value):
    return isinstance(value, (X.Expr, X.Stmt, list, tuple))
