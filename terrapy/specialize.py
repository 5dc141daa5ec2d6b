"""Specialization: untyped terra tree + the Lua scope it was written in ->
specialized tree (no Lua left).

Runs when the definition runs (escapes are evaluated once, in source order).
A name is a terra local if one is in scope, otherwise a Lua value looked up
through the `resolver` (the runtime: captured locals, then globals), which
classifies it as a `LuaValue`. `a.b.c` through Lua tables is looked up now;
type annotations are evaluated now.
"""
from __future__ import annotations

from dataclasses import replace

from . import trees as T
from .errors import Diagnostics, Poison, TerraError


# Lua values a select must give now, while specializing: they are spliced or
# shape the code (lists, namespaces, types, labels); the rest wait for type checking.
RESOLVED_NOW = frozenset(("list", "table", "type", "label"))


class Specializer:
    _splices = 0
    def __init__(self, resolver, environment, diagnostics: Diagnostics):
        self.resolver = resolver
        self.environment = environment
        self.diagnostics = diagnostics
        self.scopes: list[dict[str, T.Symbol]] = [{}]
        self.created: list[T.Symbol] = []    # locals declared by name (renamed per splice)

    # ------------------------------------------------------------ helpers
    def error(self, message: str, node) -> None:
        self.diagnostics.error(message, node.span)

    def lookup_local(self, name: str) -> T.Symbol | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def visible_symbols(self) -> dict[str, T.Symbol]:
        """Terra locals in scope by name, as escapes see them (symbols)."""
        merged: dict[str, T.Symbol] = {}
        for scope in self.scopes:
            merged.update((k, v) for k, v in scope.items() if not k.startswith("$"))
        return merged

    def declare(self, name, type_, node) -> T.Symbol:
        """A new local; `var [s]` and `[s]` parameters declare a Lua-made symbol."""
        symbols = self.declare_all(name, type_, node)
        if len(symbols) != 1:
            self.error(f"expected one symbol but found a list of {len(symbols)}", node)
            raise Poison()
        return symbols[0]

    def declare_all(self, name, type_, node) -> list[T.Symbol]:
        """New locals: a name, or an escape giving a symbol or a list of symbols
        (`terra f([params])`, `var [list] = ...`)."""
        if isinstance(name, str):
            symbol = T.Symbol(name, type_)
            self.scopes[-1][name] = symbol
            self.created.append(symbol)
            return [symbol]
        value = self.resolver.evaluate(name, self.environment, self.visible_symbols())
        values = self.flatten([value]) if value.kind == "list" else [value]
        symbols = []
        for item in values:
            if item.kind != "symbol":
                self.error(f"expected a symbol but found {item.kind}", node)
                raise Poison()
            symbol = item.value
            if type_ is not None:
                symbol.type = type_
            # reachable only through the Lua value (hygiene), never by its display name
            self.scopes[-1][f"${symbol.id}"] = symbol
            symbols.append(symbol)
        return symbols

    def evaluate_type(self, expression: T.LuaExpr | None):
        if expression is None:
            return None
        try:
            return self.resolver.evaluate_type(expression, self.environment, self.visible_symbols())
        except Poison:
            return None
        except TerraError as error:      # (reported with the phase's summary line)
            self.diagnostics.error(error.message, error.span or expression.span)
            raise Poison() from None

    # ------------------------------------------------------------ function
    def function(self, body: T.FunctionBody, self_type=None):
        """Parameters (as symbols, with types), the return type and the specialized
        body block, evaluated in source order."""
        params = []
        if self_type is not None:
            params.append(self.declare("self", self_type, body))
        for param in body.params:
            try:
                for symbol in self.declare_all(param.name, self.evaluate_type(param.type), param):
                    if symbol.type is None:
                        self.error(f"parameter '{symbol.name}' needs a type", param)
                    params.append(symbol)
            except Poison:
                continue
        returns = None
        if body.return_type:
            try:
                returns = self.evaluate_type(body.return_type)
            except Poison:
                pass
        block = self.block(body.body)
        return params, returns, block

    # ---------------------------------------------------------- statements
    def block(self, block: T.Block, scoped: bool = True) -> T.Block:
        if scoped:
            self.scopes.append({})
        try:
            statements = []
            for statement in block.statements:
                try:
                    statements.extend(self.statement_or_splice(statement))
                except Poison:
                    pass
            return replace(block, statements=tuple(statements))
        finally:
            if scoped:
                self.scopes.pop()

    def statement_or_splice(self, node) -> list:
        """A statement; an escape in statement position splices what it gives."""
        if isinstance(node, T.ExprStatement) and isinstance(node.expr, T.Escape):
            value = self.resolver.evaluate(node.expr.lua, self.environment, self.visible_symbols())
            return self.splice_statements([value], node)
        if isinstance(node, T.EscapeBlock):
            values = self.resolver.run_block(node.lua, self.environment, self.visible_symbols())
            return self.splice_statements(values, node)
        return [self.statement(node)]

    def splice_statements(self, values, node) -> list:
        out = []
        for value in values:
            if value.kind == "list":
                out.extend(self.splice_statements(value.value, node))
            elif value.kind == "quote":
                body, results = self.specialize_quote(value.value)
                out.extend(body.statements)
                out.extend(T.ExprStatement(r, span=r.span) for r in results)
            elif value.kind == "nil":
                continue
            else:
                out.append(T.ExprStatement(self.terra_value(value, node), span=node.span))
        return out

    def quote_code(self, tree) -> T.QuoteCode:
        """A quote's code, specialized once where it was written (hygiene: its
        names bind there); what it declares is renamed at each splice."""
        self.scopes.append({})
        labels = defined_labels(tree.body)
        body = self.block(tree.body, scoped=False)
        try:
            results = tuple(self.exprs(tree.results)) if tree.results else ()
        except Poison:        # (reported: the caller's diagnostics.check() raises it)
            results = ()
        return T.QuoteCode(tree, body, results, self.created, labels)

    def specialize_quote(self, code: T.QuoteCode):
        """A quote spliced here: its code with fresh symbols for the locals it
        declares and fresh names for its labels, so that two splices (a macro
        used twice) never share a variable or a label."""
        if not code.created and not code.labels:
            return code.body, code.results
        renamed = {}
        for symbol in code.created:
            fresh = T.Symbol(symbol.name, symbol.declared)
            renamed[symbol.id] = fresh
            self.created.append(fresh)      # (a splice inside a quote is the quote's too)
        labels = {}
        for name in code.labels:
            Specializer._splices += 1
            labels[name] = f"{name}${Specializer._splices}"
        copy = Renamer(renamed, labels)
        return copy.node(code.body), tuple(copy.node(r) for r in code.results)

    def terra_value(self, value: T.LuaValue, node):
        """A Lua value where one terra value is wanted."""
        if value.kind == "symbol":
            return T.LocalRef(value.value, span=node.span)
        if value.kind == "quote":
            body, results = self.specialize_quote(value.value)
            if not body.statements and len(results) == 1:
                return results[0]
            return T.SplicedQuote(body, results, span=node.span)
        if value.kind == "list":
            if not value.value:
                self.error("an empty list was spliced where a value is required", node)
                raise Poison()
            return self.terra_value(value.value[0], node)
        if value.kind == "nil":
            self.error("escape evaluated to nil, which is not a terra value", node)
            raise Poison()
        return replace(value, span=node.span) if value.span != node.span else value

    def statement(self, node):
        handler = getattr(self, "stat_" + type(node).__name__, None)
        if handler is None:
            raise AssertionError(f"specialize: no rule for statement {type(node).__name__}")
        return handler(node)

    def stat_Block(self, node):
        return self.block(node)

    def stat_DoBlock(self, node):
        return replace(node, body=self.block(node.body))

    def stat_VarDecl(self, node):
        written = [v.name for v in node.names if isinstance(v.name, str) and v.name != "_"]
        for name in sorted({n for n in written if written.count(n) > 1}):
            self.error(f"variable '{name}' is declared twice in one var statement", node)
        values = None if node.values is None else tuple(self.exprs(node.values))
        names = []
        for var in node.names:
            type_ = self.evaluate_type(var.type)
            names.extend(replace(var, name=symbol, type=type_)
                         for symbol in self.declare_all(var.name, type_, var))
        return replace(node, names=tuple(names), values=values)

    def stat_Assign(self, node):
        return replace(node, targets=tuple(self.exprs(node.targets)),
                       values=tuple(self.exprs(node.values)))

    def stat_ExprStatement(self, node):
        return replace(node, expr=self.expr(node.expr))

    def stat_If(self, node):
        branches = tuple((self.expr(c), self.block(b)) for c, b in node.branches)
        orelse = self.block(node.orelse) if node.orelse is not None else None
        return replace(node, branches=branches, orelse=orelse)

    def stat_While(self, node):
        return replace(node, condition=self.expr(node.condition), body=self.block(node.body))

    def stat_Repeat(self, node):
        # `until` sees the body's locals.
        self.scopes.append({})
        try:
            body = self.block(node.body, scoped=False)
            return replace(node, body=body, condition=self.expr(node.condition))
        finally:
            self.scopes.pop()

    def stat_ForNum(self, node):
        start, stop = self.expr(node.start), self.expr(node.stop)
        step = self.expr(node.step) if node.step is not None else None
        self.scopes.append({})
        try:
            type_ = self.evaluate_type(node.var.type)
            var = replace(node.var, name=self.declare(node.var.name, type_, node.var), type=type_)
            return replace(node, var=var, start=start, stop=stop, step=step,
                           body=self.block(node.body))
        finally:
            self.scopes.pop()

    def stat_ForIn(self, node):
        """The loop variables are declared for the body; the iterable's type decides
        what the loop does (its __for metamethod, at type checking)."""
        iterables = tuple(self.exprs(node.iterables))
        self.scopes.append({})
        try:
            names = []
            for var in node.vars:
                type_ = self.evaluate_type(var.type)
                names.append(replace(var, name=self.declare(var.name, type_, var), type=type_))
            return replace(node, vars=tuple(names), iterables=iterables, body=self.block(node.body))
        finally:
            self.scopes.pop()

    def stat_Break(self, node):
        return node

    def stat_Goto(self, node):
        return self.label_use(node)

    def stat_Label(self, node):
        return self.label_use(node)

    def label_use(self, node):
        """`goto [l]` / `::[l]::` with a Lua-made label: its unique name. (A label a
        quote defines by name is renamed at each splice, see specialize_quote.)"""
        if isinstance(node.label, str):
            return node
        value = self.resolver.evaluate(node.label, self.environment, self.visible_symbols())
        if value.kind != "label":
            self.error(f"expected a label but found {value.kind}", node)
            raise Poison()
        return replace(node, label=value.value)

    def stat_Return(self, node):
        return replace(node, values=tuple(self.exprs(node.values)))

    def stat_Defer(self, node):
        return replace(node, call=self.expr(node.call))

    def stat_Switch(self, node):
        cases = tuple(replace(c, value=self.expr(c.value), body=self.block(c.body))
                      for c in node.cases)
        orelse = self.block(node.orelse) if node.orelse is not None else None
        return replace(node, value=self.expr(node.value), cases=cases, orelse=orelse)


    # --------------------------------------------------------- expressions
    def exprs(self, nodes):
        """Expressions; a list from an escape in the last position splices all its values."""
        out = [self.expr(n) for n in nodes[:-1]]
        if nodes:
            last = nodes[-1]
            if isinstance(last, (T.Escape, T.EscapeBlock)):
                values = self.escape_values(last)
                flat = self.flatten(values)
                out.extend(self.terra_value(v, last) for v in flat)
            else:
                value = self.expr(last)
                if isinstance(value, T.LuaValue) and value.kind == "list":
                    # a Lua list named in code (`f(args)`) splices as `[args]` would
                    out.extend(self.terra_value(v, last) for v in self.flatten([value]))
                else:
                    out.append(value)
        return out

    def escape_values(self, node):
        if isinstance(node, T.EscapeBlock):
            return self.resolver.run_block(node.lua, self.environment, self.visible_symbols())
        return [self.resolver.evaluate(node.lua, self.environment, self.visible_symbols())]

    def flatten(self, values):
        out = []
        for value in values:
            if value.kind == "list":
                out.extend(self.flatten(value.value))
            else:
                out.append(value)
        return out

    def expr(self, node):
        handler = getattr(self, "exp_" + type(node).__name__, None)
        if handler is None:
            raise AssertionError(f"specialize: no rule for expression {type(node).__name__}")
        return handler(node)

    def exp_Var(self, node):
        symbol = self.lookup_local(node.name)
        if symbol is not None:
            return T.LocalRef(symbol, span=node.span)
        value = self.resolver.lookup(self.environment, node.name, node.span)
        if value.kind == "nil":
            self.error(f"variable '{node.name}' not defined", node)
            raise Poison()
        if value.kind in ("symbol", "quote"):
            return self.terra_value(value, node)
        return value

    def exp_Escape(self, node):
        value = self.resolver.evaluate(node.lua, self.environment, self.visible_symbols())
        return self.terra_value(value, node)

    def field_name(self, name, node) -> str:
        """A field/method/key name, or the string an escape `.[e]` gives for it."""
        if isinstance(name, str):
            return name
        value = self.resolver.evaluate(name, self.environment, self.visible_symbols())
        if value.kind == "string":
            return value.value.decode("utf-8", "surrogateescape")
        if value.kind in ("label", "symbol"):
            from .runtime.resolver import member_name
            return member_name(value)
        self.error(f"expected a string, label or symbol for a field name but found {value.kind}",
                   node)
        raise Poison()

    def exp_Select(self, node):
        value = self.expr(node.value)
        node = replace(node, field=self.field_name(node.field, node))
        found = lua_select(self.resolver, value, node)
        if found is not None and found is not NotImplemented:
            if found.kind in ("symbol", "quote"):
                return self.terra_value(found, node)
            if found.kind in RESOLVED_NOW:
                return found
        # a select on terra data; or a Lua field or method not there yet, or holding a
        # value (a function, a global, a number, a macro, ...): that is looked up again
        # when the function is type-checked, so a later definition or assignment is seen
        return replace(node, value=value)

    def exp_MethodCall(self, node):
        return replace(node, receiver=self.expr(node.receiver), name=self.field_name(node.name, node),
                       args=tuple(self.exprs(node.args)))

    def exp_Call(self, node):
        return replace(node, callee=self.expr(node.callee), args=tuple(self.exprs(node.args)))

    def exp_Index(self, node):
        return replace(node, value=self.expr(node.value), index=self.expr(node.index))

    def exp_BinaryOp(self, node):
        return replace(node, lhs=self.expr(node.lhs), rhs=self.expr(node.rhs))

    def exp_UnaryOp(self, node):
        return replace(node, operand=self.expr(node.operand))

    def exp_Constructor(self, node):
        fields = []
        for i, f in enumerate(node.fields):
            key = self.field_name(f.key, f) if f.key is not None else None
            if key is None and i == len(node.fields) - 1:
                # a positional last field: a list splices all its values (`{1, [L]}`)
                fields.extend(replace(f, value=v) for v in self.exprs([f.value]))
            else:
                fields.append(replace(f, key=key, value=self.expr(f.value)))
        return replace(node, fields=tuple(fields))

    def exp_EscapeBlock(self, node):
        values = self.flatten(self.escape_values(node))
        if len(values) != 1:
            self.error(f"an escape block used as a value must emit one value, not {len(values)}",
                       node)
            raise Poison()
        return self.terra_value(values[0], node)

    def exp_SplicedQuote(self, node):
        return node

    def exp_Typed(self, node):
        return node

    def leaf(self, node):
        return node

    exp_Number = exp_String = exp_Bool = exp_Nil = leaf


def lua_select(resolver, value, node):
    """`tbl.name` through a Lua table, `S.name` for a struct's method (or its
    methods/metamethods tables): the Lua value, None when absent, or the
    NotImplemented of a select on terra data."""
    if isinstance(value, T.LuaValue) and (value.kind == "table" or (
            value.kind == "list" and not value.value
            and getattr(value.value, "table", None) is not None)):
        found = resolver.select(value, node.field, node.span)   # (`{}` is both)
        return None if found.kind == "nil" else found
    if isinstance(value, T.LuaValue) and value.kind == "type" \
            and getattr(value.value, "kind", None) == "struct":
        found = resolver.method(value.value, node.field, node.span)
        if found.kind == "nil" and node.field in ("methods", "metamethods"):
            # `S.methods.f` reaches the struct's Lua tables
            found = resolver.classify(value.value.lua[node.field.encode()], node.span)
        return None if found.kind == "nil" else found
    return NotImplemented


def defined_labels(block) -> set[str]:
    """The labels a block defines by name (`::name::`), nested blocks included
    and nested quotes not (they are renamed when they are spliced)."""
    found, stack = set(), [block]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if not isinstance(node, T.Node) or isinstance(node, (T.Quote, T.LuaExpr)):
            continue
        if isinstance(node, T.Label) and isinstance(node.label, str):
            found.add(node.label)
        for name in node.__dataclass_fields__:
            if name != "span":
                stack.append(getattr(node, name))
    return found


class Renamer:
    """A copy of specialized code with some symbols and labels replaced (a
    quote's own, at each splice); everything else is shared."""

    def __init__(self, symbols: dict[int, T.Symbol], labels: dict[str, str]):
        self.symbols, self.labels = symbols, labels

    def node(self, node):
        if isinstance(node, T.Symbol):
            return self.symbols.get(node.id, node)
        if isinstance(node, tuple):
            return tuple(self.node(item) for item in node)
        if not isinstance(node, T.Node) or isinstance(node, (T.LuaValue, T.Typed, T.LuaExpr)):
            return node
        changes = {}
        for name in node.__dataclass_fields__:
            if name == "span":
                continue
            value = getattr(node, name)
            if isinstance(node, (T.Label, T.Goto)) and name == "label" and value in self.labels:
                changes[name] = self.labels[value]
                continue
            copied = self.node(value)
            if copied is not value:
                changes[name] = copied
        return replace(node, **changes) if changes else node
