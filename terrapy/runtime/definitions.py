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
from ..errors import TerraError


@dataclass
class Environment:
    """Where names in a definition's Lua pieces resolve: captured locals, then globals."""
    captured: object      # Lua table returned by the env function
    globals: object       # getfenv(envfn)
    chunk: object         # the chunk's __T table


@dataclass
class FunctionInfo:
    """Python-side state of a terra function object."""
    name: str
    definition: T.FunctionBody | None = None
    environment: Environment | None = None
    type: types.Function | None = None
    is_method_of: object = None


class Definitions:
    def __init__(self, runtime):
        self.runtime = runtime
        self.lua = runtime.lua
        self.types = runtime.typeobjects
        self._getfenv = self.lua.eval(b"getfenv")
        self._luaenv = self.lua.eval(b"terralib._luaenv")
        self._evallua = self.lua.eval(b"terralib._evallua")
        self._compilelua = self.lua.eval(b"terralib._compilelua")
        self._setmetatable = self.lua.eval(b"setmetatable")
        self._function_meta = self.lua.eval(b"terralib._functionmeta")
        self._quote_meta = self.lua.eval(b"terralib._quotemeta")
        self._is_function = self.lua.eval(b"terralib.isfunction")
        self._is_type = self.lua.eval(b"terralib.types.istype")

    # ------------------------------------------------------------ entries
    def define(self, key, index, envfn, setter, *currents):
        chain = self.runtime.tree(key, index)
        environment = self.environment(key, envfn)
        # Methods are declared once the chain's own structs are assigned, since
        # `struct S {} terra S:m() end` names S as a receiver.
        is_method = [getattr(item, "method", False) for item in chain.items]
        objects = [None if method else self.declare(item, current)
                   for item, current, method in zip(chain.items, currents, is_method)]
        setter(*objects)
        objects = [self.declare(item, current) if method else made
                   for item, current, method, made in zip(chain.items, currents, is_method, objects)]
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
        tree = self.runtime.tree(key, index)
        quote = self.lua.table_from({b"tree": tree, b"environment": self.environment(key, envfn)})
        return self._setmetatable(quote, self._quote_meta)

    # ------------------------------------------------------------ helpers
    def environment(self, key, envfn) -> Environment:
        return Environment(envfn(), self._getfenv(envfn), self.lua.eval(b"terralib._chunk")(key))

    def evaluate(self, expression: T.LuaExpr, environment: Environment, symbols=None):
        """Run a Lua piece of terra code in its definition's scope."""
        code = self.runtime.compiled_lua(expression)
        env = self._luaenv(environment.captured, environment.globals, environment.chunk, symbols)
        return self._evallua(code, env)

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
            receiver = current()
            if not (self._is_type(receiver) and receiver[b"kind"] == b"struct"):
                raise TerraError(f"expected a struct but found {self.types.describe(receiver)} "
                                 f"when defining method '{item.path[-1]}'", item.span)
            existing = receiver[b"methods"][item.path[-1].encode()]
            if self._is_function(existing) and not existing[b"__defined"]:
                return existing
            function = self.new_function(".".join(item.path[:-1]) + ":" + item.path[-1])
            self.info(function).is_method_of = receiver
            receiver[b"methods"][item.path[-1].encode()] = function
            return function
        if self._is_function(current) and not current[b"__defined"]:
            return current
        return self.new_function(".".join(item.path))

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
        function = self.lua.table_from({b"name": name.encode(), b"__info": FunctionInfo(name)})
        return self._setmetatable(function, self._function_meta)

    def info(self, function) -> FunctionInfo:
        return function[b"__info"]

    def define_function(self, function, body: T.FunctionBody, environment: Environment):
        info = self.info(function)
        params = [self.evaluate_type(p.type, environment) for p in body.params if p.type is not None]
        if info.is_method_of is not None:
            params.insert(0, types.pointer(info.is_method_of[b"__py"]))
        returns = self.evaluate_type(body.return_type, environment) if body.return_type else None
        declared = info.type
        if returns is not None:
            defined = types.function(params, returns, body.varargs)
            if declared is not None and declared is not defined:
                raise TerraError(f"attempting to define terra function declaration with type "
                                 f"{defined}, but it was declared with type {declared}", body.span)
            info.type = defined
        info.definition, info.environment = body, environment
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
            function(struct)

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
            raise TerraError(f"the type of terra function '{info.name}' is not known until its "
                             f"body is type-checked, which this build of terrapy cannot do yet")
        return self.types.proxy(types.pointer(info.type))

    def compile(self, function):
        info = self.info(function)
        if info.definition is None:
            raise TerraError(f"terra function '{info.name}' is declared but not defined")
        raise TerraError(f"terra function '{info.name}' cannot be compiled yet: this build of "
                         f"terrapy parses and defines terra code but has no code generator")
