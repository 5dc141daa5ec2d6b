"""What happens when Lua executes a terra definition (the "definition" moment).

`define` takes a chain's tree, the env-capturing closure and the targets'
current values; it creates (or completes the declarations of) the chain's
function objects and struct types, assigns them through the setter, and then
evaluates what Terra evaluates at definition time: struct entry types,
parameter and return types. Specializing and compiling function bodies is the
compiler's job (a later pass); until it exists, calling a function says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import trees as T
from .. import types
from ..errors import Diagnostics, TerraError
from ..functions import TerraFunction


@dataclass
class Environment:
    """Where names in a definition's Lua pieces resolve: captured locals, then globals."""
    captured: object      # Lua table returned by the env function
    globals: object       # getfenv(envfn)
    chunk: object         # the chunk's __T table
    setter: object = None  # assigns captured locals that escape blocks assign



class Definitions:
    def __init__(self, runtime):
        self.runtime = runtime
        self.lua = runtime.lua
        self.types = runtime.typeobjects
        self._getfenv = self.lua.eval(b"getfenv")
        self._luaenv = self.lua.eval(b"terralib._luaenv")
        self._evallua = self.lua.eval(b"terralib._evallua")
        self._setmetatable = self.lua.eval(b"setmetatable")
        self._function_meta = self.lua.eval(b"terralib._functionmeta")
        self._newquote = self.lua.eval(b"terralib._newquote")
        self._is_function = self.lua.eval(b"terralib.isfunction")
        self._is_type = self.lua.eval(b"terralib.types.istype")

    # ------------------------------------------------------------ entries
    def define(self, key, index, envfn, setter, *currents):
        chain = self.runtime.tree(key, index)
        # Methods and table-path functions are declared once the chain's own structs
        # (and other plain names) are assigned, since `struct S {} terra S:m() end` and
        # `struct S {} terra S.methods.f() end` name S as a receiver or in the path.
        late = [getattr(item, "method", False) or T.at_table_path(item) for item in chain.items]
        objects = [None if deferred else self.declare(item, current)
                   for item, current, deferred in zip(chain.items, currents, late)]
        setter(*objects)
        # the scope is captured after the chain's names are assigned: the bodies of
        # `local terra a ... local terra b` see each other
        environment = self.environment(key, envfn)
        objects = [self.declare(item, current) if deferred else made
                   for item, current, deferred, made in zip(chain.items, currents, late, objects)]
        for item, target in zip(chain.items, objects):
            self.complete(item, target, environment)
        return None

    def anonfunction(self, key, index, envfn):
        tree = self.runtime.tree(key, index)
        function = self.new_function("anon")
        self.define_function(function, tree.body, self.environment(key, envfn))
        return function

    def anonstruct(self, key, index, envfn):
        tree = self.runtime.tree(key, index)
        struct = self.types.proxy(types.Struct(None))
        self.define_struct(struct, tree.body, None, self.environment(key, envfn))
        return struct

    def quote(self, key, index, envfn):
        """A quote expression runs: its code is specialized now (Terra's timing:
        its escapes run once, here, and their errors are raised here)."""
        from ..specialize import Specializer
        tree = self.runtime.tree(key, index)
        diagnostics = Diagnostics("specialization")
        specializer = Specializer(self.runtime.resolver, self.environment(key, envfn), diagnostics)
        code = specializer.quote_code(tree)
        diagnostics.check()
        return self.quote_object(code)

    def quote_object(self, code: T.QuoteCode, fields=None):
        """A Lua quote (with extra Lua `fields`: a macro argument's methods). It holds
        a number, not the Python objects: lupa 2.8 can hand back a different Python
        object for one stored in many Lua tables (seen with quote trees spliced in
        loops), so quotes go through our own handle table."""
        return self._newquote(self.runtime.handle(code), fields)

    # ------------------------------------------------------------ helpers
    def environment(self, key, envfn) -> Environment:
        made = envfn()
        captured, setter = made if isinstance(made, tuple) else (made, None)
        return Environment(captured, self._getfenv(envfn), self.lua.eval(b"terralib._chunk")(key),
                           setter)

    def evaluate(self, expression: T.LuaExpr, environment: Environment, symbols=None):
        """Run a Lua piece of terra code in its definition's scope."""
        code = self.runtime.compiled_lua(expression)
        env = self._luaenv(environment.captured, environment.globals, environment.chunk, symbols,
                           environment.setter)
        values = self.runtime.call_for_compiler(self._evallua, [code, env],
                                                "evaluating Lua code from Terra",
                                                getattr(expression, "span", None))
        return values[0] if len(values) == 1 else (tuple(values) if values else None)

    def evaluate_type(self, expression: T.LuaExpr, environment: Environment) -> types.Type:
        value = self.evaluate(expression, environment)
        try:
            return self.types.unwrap(value)
        except types.TypeError_ as error:
            raise TerraError(str(error), expression.span) from None

    # ------------------------------------------------- declare, then complete
    def declare(self, item, current):
        """The object a chain item names: an existing declaration, or a new one."""
        if isinstance(item, T.StructDef):
            if self._is_type(current) and current[b"kind"] == b"struct" \
                    and not current[b"__defined"] and item.body is not None:
                return current
            struct = self.types.proxy(types.Struct(".".join(item.path)))
            return struct
        if item.method:
            receiver = self.call_lua(current)
            if not (self._is_type(receiver) and receiver[b"kind"] == b"struct"):
                raise TerraError(f"expected a struct but found {self.types.describe(receiver)} "
                                 f"when defining method '{item.path[-1]}'", item.span)
            existing = receiver[b"methods"][item.path[-1].encode()]
            if self._is_function(existing) and not existing[b"__defined"]:
                return existing
            function = self.new_function(".".join(item.path[:-1]) + ":" + item.path[-1])
            self.info(function).self_type = receiver[b"__py"]
            receiver[b"methods"][item.path[-1].encode()] = function
            return function
        if len(item.path) > 1:
            existing = self.call_lua(current)
            if self._is_function(existing) and not existing[b"__defined"]:
                return existing
            function = self.new_function(".".join(item.path))
            self.call_lua(current, function)
            return function
        if self._is_function(current) and not current[b"__defined"]:
            return current
        return self.new_function(".".join(item.path))

    def call_lua(self, function, *arguments):
        """Run a chain's Lua accessor; its error (`attempt to index global 'ns'`) is the
        user's, raised in Lua's words at the definition."""
        from .state import lua_text
        ok, values, _traceback = self.runtime.protected(function, *arguments)
        if not ok:
            raise TerraError(lua_text(values) or "error in a definition")
        return values[0] if values else None

    def complete(self, item, target, environment):
        if isinstance(item, T.StructDef):
            if item.body is not None:
                self.define_struct(target, item.body, item.metatype, environment)
        elif isinstance(item, T.FunctionDef):
            self.define_function(target, item.body, environment)
        else:
            self.declare_type(target, item, environment)

    def new_function(self, name: str):
        # The Python-side state rides in the table itself: lupa hands back the
        # same Python object, whereas Lua tables get a new wrapper each time.
        info = self.runtime.keep(TerraFunction(name))
        function = self.lua.table_from({b"name": name.encode(), b"__info": info})
        info.lua = function
        return self._setmetatable(function, self._function_meta)

    def info(self, function) -> TerraFunction:
        return function[b"__info"]

    def define_function(self, function, body: T.FunctionBody, environment: Environment):
        """Specialize now (escapes and types are evaluated at definition, once)."""
        from ..specialize import Specializer
        info = self.info(function)
        diagnostics = Diagnostics("specialization")
        self_type = types.pointer(info.self_type) if info.self_type is not None else None
        specializer = Specializer(self.runtime.resolver, environment, diagnostics)
        params, returns, block = specializer.function(body, self_type)
        diagnostics.check()
        declared = info.type
        if returns is not None:
            defined = types.function([p.type for p in params], returns, body.varargs)
            if declared is not None and declared is not defined:
                raise TerraError(f"attempting to define terra function declaration with type "
                                 f"{defined}, but it was declared with type {declared}", body.span)
            info.type = defined
        elif declared is not None:
            # a declared function defined without a return type keeps its declaration
            pass
        info.definition, info.environment = body, environment
        info.specialized = (params, block)
        function[b"__defined"] = True

    def declare_type(self, function, item: T.FunctionDecl, environment: Environment):
        declared = self.evaluate_type(item.type, environment)
        if isinstance(declared, types.Pointer) and isinstance(declared.type, types.Function):
            declared = declared.type
        if not isinstance(declared, types.Function):
            raise TerraError(f"expected a function type but found {declared}", item.type.span)
        self.info(function).type = declared

    def define_struct(self, struct, body: T.StructBody, metatype, environment: Environment):
        entries = struct[b"entries"]
        for entry in body.entries:
            entries[len(entries) + 1] = self.entry(entry, environment)
        struct[b"__defined"] = True
        if metatype is not None:
            function = self.evaluate(metatype, environment)
            self.runtime.call_for_compiler(function, [struct], "invoking metatype function")

    def entry(self, entry, environment):
        if isinstance(entry, T.UnionEntries):
            union = self.lua.eval(b"terralib.newlist")()
            for inner in entry.entries:
                union[len(union) + 1] = self.entry(inner, environment)
            return union
        field = entry.field if isinstance(entry.field, str) else None
        name = field.encode() if field is not None else self.evaluate(entry.field, environment)
        return self.lua.table_from({b"field": name, b"type": self.types.proxy(
            self.evaluate_type(entry.type, environment))})

    # ------------------------------------------------------ compiling (later)
    def function_type(self, function):
        info = self.info(function)
        if info.type is None:
            self.runtime.compiler.typecheck(info)
        return self.types.proxy(info.type)     # the function type, as Terra's gettype

    def compile(self, function):
        """(address, LuaJIT ctype, fixed parameter count or -1) of the C entry point."""
        info = self.info(function)
        if info.definition is None and info.extern_name is None:
            raise TerraError(f"terra function '{info.name}' is declared but not defined")
        if info.extern_name is None:
            address = self.runtime.compiler.compile(info)
        else:
            address = info.address = info.address or \
                self.runtime.resolver.symbol_address(info.extern_name)
        ctype = self.runtime.resolver.ctype(types.pointer(info.type))
        nfixed = len(info.type.parameters) if info.type.isvararg else -1
        return address, ctype.encode(), nfixed
