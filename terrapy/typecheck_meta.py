"""Type checking where Lua takes part: macros, metamethods (__for, __cast,
__setentry, __update, operators), overloaded functions and Lua functions
called from terra. A mixin of FunctionChecker."""
from __future__ import annotations

from . import trees as T
from . import typed as X
from . import types
from .errors import TerraError


class MetaChecks:
    def assignment_metamethod(self, target, value, span):
        """`obj.missing = v` through __setentry(name, obj, v), `obj(args) = v` through
        __update(obj, args..., v); None when neither applies."""
        target = self.lua_selected(target)       # (`C.counter = ...`: a Lua table's field)
        if isinstance(target, T.Select) and isinstance(target.field, str):
            receiver = self.expr(target.value)
            struct = self.struct_of(receiver.type)
            if struct is not None:
                self.compiler.complete(struct, span, self.diagnostics)
                if struct.field(target.field) is None:
                    method = self.metamethod(struct, "__setentry", span)
                    if method is not None and method.kind == "macro":
                        return self.invoke_macro(method.value, (target.value, value), span,
                                                 leading=(target.field.encode(),))
        if isinstance(target, T.Call) and not isinstance(target.callee, T.LuaValue):
            callee = self.expr(target.callee)
            if isinstance(callee.type, types.Struct):
                method = self.metamethod(callee.type, "__update", span)
                if method is not None:
                    return self.apply(method, (target.callee,) + tuple(target.args) + (value,),
                                      span)
        return None

    def stat_ForIn(self, node):
        """`for x in e`: e's type's __for(iterator, body) returns the loop as a quote;
        body(v...) gives the loop body with the variables bound to v."""
        from .specialize import Specializer
        if len(node.iterables) != 1:
            self.error("for ... in expects one iterable", node.span)
        iterable = node.iterables[0]
        method = self.metamethod(self.expr(iterable).type, "__for", node.span)
        if method is None or method.kind != "luafunction":
            self.error(f"{self.expr(iterable).type} has no __for metamethod", node.span)
        resolver = self.compiler.resolver
        runtime = resolver.runtime

        def body(*values):
            declarations = [T.VarDecl((var,), (self.quote_node(v, node.span),), span=node.span)
                            for var, v in zip(node.vars, values)]
            block = T.Block(tuple(declarations) + (node.body,), span=node.span)
            return runtime.definitions.quote_object(T.QuoteCode.specialized(block))

        quote = resolver.argument_quote(iterable, self)
        self.loop_depth += 1
        try:
            results = resolver.call_macro(method.value, [quote, body], node.span, "invoking __for")
        except TerraError as error:
            self.error(error.message, node.span)
        finally:
            self.loop_depth -= 1
        specializer = Specializer(resolver, None, self.diagnostics)
        statements = specializer.splice_statements(results, node)
        self.loop_depth += 1
        try:
            return [self.block(T.Block(tuple(statements), span=node.span))]
        finally:
            self.loop_depth -= 1

    def quote_node(self, value, span):
        """A Lua value given to a __for body callback, as a specialized node."""
        from .specialize import Specializer
        classified = self.compiler.resolver.classify(value, span)
        return Specializer(self.compiler.resolver, None, self.diagnostics).terra_value(
            classified, T.Nil(span=span))

    def invoke_macro(self, function, arguments, span, leading=()):
        """Call a macro with its arguments as quotes (Lua values in `leading` as they
        are) and type-check what it returns in their place."""
        nodes = self.macro_nodes(function, arguments, span, leading)
        if not nodes:
            return X.Construct(types.UNIT, [], span)
        if len(nodes) == 1:
            return self.expr(nodes[0])
        return self.tuple_of([self.rvalue(self.expr(n)) for n in nodes], span, X.Multiple)

    def macro_nodes(self, function, arguments, span, leading=()):
        """What a macro returns, as specialized code: one node per value (a Lua
        value the macro returned stays a LuaValue: a type, a function, ...)."""
        from .specialize import Specializer
        resolver = self.compiler.resolver
        quotes = [resolver.argument_quote(a, self) for a in arguments]
        resolver.note_macro_site(span)
        try:
            values = resolver.call_macro(function, list(leading) + quotes, span)
        except TerraError as error:
            self.error(error.message, span)
        specializer = Specializer(resolver, None, self.diagnostics)
        return [specializer.terra_value(v, T.Nil(span=span)) for v in specializer.flatten(values)
                if v.kind != "nil"]

    def macro_callee(self, callee):
        """`m()(args)`: the callee a macro gives, when it is one value (so a type
        it returns casts, an overloaded function resolves, a macro runs)."""
        if isinstance(callee, T.Call) and isinstance(callee.callee, T.LuaValue) \
                and callee.callee.kind == "macro":
            nodes = self.macro_nodes(callee.callee.value, callee.args, callee.span)
            if len(nodes) == 1 and isinstance(nodes[0], T.LuaValue):
                return nodes[0]
        return callee

    def apply(self, callee: T.LuaValue, arguments, span, typed_arguments=None):
        """Call what a metamethod or method slot holds: a terra function or a macro."""
        if callee.kind == "macro":
            return self.invoke_macro(callee.value, arguments, span)
        args = typed_arguments if typed_arguments is not None else \
            [self.expr(a) for a in arguments]
        if callee.kind == "overloaded":
            return self.overloaded_call(callee, args, span)
        return self.call(self.expr(callee), args, span)

    def struct_of(self, t):
        if isinstance(t, types.Pointer):
            t = t.type
        return t if isinstance(t, types.Struct) else None

    def metamethod(self, t, name, span):
        struct = self.struct_of(t)
        return self.compiler.resolver.metamethod(struct, name, span) if struct else None

    def lua_function_call(self, callee, args, span):
        """A Lua function called from terra: its parameter types are the arguments'
        types, and it returns nothing (Terra's rule)."""
        params = [self.storable(a, span) for a in args]
        for p in params:
            if isinstance(p, (types.Struct, types.Array)) and p is not types.UNIT:
                # LuaJIT callbacks take no aggregates by value
                self.error(f"a Lua function called from terra code cannot take {p} by value; "
                           "pass a pointer to it", span)
        function_type = types.function(params, types.UNIT, False)
        address = self.compiler.resolver.lua_callback(callee.value, function_type)
        pointer = X.Cast(X.Const(address, types.primitive("uint64"), span),
                         types.pointer(function_type), "int_to_pointer", span)
        return self.call(pointer, args, span)

    def overloaded_call(self, callee, args, span, receiver=None):
        """Terra's rule: an exact match of the argument types wins; otherwise the one
        definition the arguments convert to implicitly; otherwise an error. A method
        call's receiver, `(value, name)`, is passed as each definition wants it."""
        candidates = []
        for function in callee.value:
            t = self.compiler.function_type(function, span, self.diagnostics)
            if t is not None:
                candidates.append((function, t, self.with_receiver(receiver, t, args, span)))
        fits = [c for c in candidates if len(c[1].parameters) == len(c[2])]
        exact = [c for c in fits
                 if all(self.storable(a, span) is p for a, p in zip(c[2], c[1].parameters))]
        chosen = exact
        if not chosen:
            chosen = [c for c in fits
                      if all(self.conversion(self.rvalue(a), p, False) is not None
                             for a, p in zip(c[2], c[1].parameters))]
        shown = ", ".join(str(a.type) for a in ([receiver[0]] if receiver else []) + list(args))
        if not chosen:
            self.error(f"call to overloaded function does not apply to any arguments ({shown})",
                       span)
        if len(chosen) > 1:
            self.error(f"call to overloaded function is ambiguous ({shown})", span)
        return self.call(X.FuncRef(chosen[0][0], span), chosen[0][2], span)

    def with_receiver(self, receiver, t, args, span):
        if receiver is None:
            return list(args)
        value, name = receiver
        wants_pointer = bool(t.parameters) and isinstance(t.parameters[0], types.Pointer)
        return [self.adjust_receiver_to(wants_pointer, value, name, span)] + list(args)

    def user_cast(self, value, to):
        """A `__cast(from, to, exp)` metamethod of either type; an error from it means
        "not applicable", and the other type is asked."""
        from .specialize import Specializer
        frm = value.type
        resolver = self.compiler.resolver
        proxy = resolver.runtime.typeobjects.proxy
        for owner in (frm, to):
            method = self.metamethod(owner, "__cast", value.span)
            if method is None or method.kind != "luafunction":
                continue
            quote = resolver.argument_quote(T.Typed(value, span=value.span), self)
            try:
                results = resolver.call_macro(method.value, [proxy(frm), proxy(to), quote],
                                              value.span, "invoking __cast")
            except TerraError:
                continue
            if not results:
                continue
            specializer = Specializer(resolver, None, self.diagnostics)
            converted = self.expr(specializer.terra_value(results[0], T.Nil(span=value.span)))
            if converted.type is not to:
                converted = self.conversion(converted, to, False)
            if converted is not None:
                return converted
        return None
