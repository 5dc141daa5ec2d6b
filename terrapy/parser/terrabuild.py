"""Terra tree building: Lark trees of terra code -> `trees` dataclasses, and the
Lua calls that hand those trees to the runtime.

Lua pieces inside terra code (types, escapes, constructor keys) are emitted
as Lua text by a fresh `LuaEmitter` and kept in `LuaExpr`/`LuaBlock` nodes,
to be evaluated when the definition runs.
"""
from __future__ import annotations

from lark import Token, Tree

from .. import trees as T
from ..source import Span
from . import literals
from .luaemit import LuaEmitter, end_of, start_of
from .syntax_errors import error_at

class TerraBuilder:
    def __init__(self, chunk):
        self.chunk = chunk
        self.text = chunk.text

    # ------------------------------------------------------------ helpers
    def span(self, node) -> Span:
        if isinstance(node, Token):
            return Span(self.chunk.chunkname, node.line, node.column, node.end_line, node.end_column)
        meta = node.meta
        return Span(self.chunk.chunkname, meta.line, meta.column, meta.end_line, meta.end_column)

    def error(self, message: str, node, near: str | None = None):
        raise error_at(message, self.text, self.chunk.chunkname, start_of(node), near)

    def register(self, tree: T.Node) -> int:
        self.chunk.trees.append(tree)
        self.chunk.uses_runtime = True
        return len(self.chunk.trees) - 1

    def lua_expr(self, node) -> T.LuaExpr:
        code = LuaEmitter(self.chunk).emit(node)
        return T.LuaExpr(code, free_names(node), span=self.span(node))

    def lua_block(self, node, block) -> T.LuaBlock:
        code = LuaEmitter(self.chunk, in_escape=True).emit(block) if not block.meta.empty else ""
        return T.LuaBlock(code, free_names(block), span=self.span(node))

    def ident(self, node) -> T.Ident:
        """A NAME token, or an escape `[e]` in a name position."""
        if isinstance(node, Token):
            return node.value
        return self.lua_expr(node.children[1])

    # -------------------------------------------------- Lua-level constructs
    def definition_chain(self, statements, emitter: LuaEmitter, terminate: bool = True) -> str:
        items, locals_, targets, currents = [], [], [], []
        for statement in statements:
            local = statement.data == "localterradef"
            definition = statement.children[1] if local else statement
            item = self.definition(definition, local)
            items.append(item)
            if local:
                locals_.append(item.path[0])
            if getattr(item, "method", False):
                # The receiver may be a struct defined earlier in this chain: the
                # runtime asks for it only once those have been assigned.
                targets.append(None)
                currents.append(f"function() return {'.'.join(item.path[:-1])} end")
            elif T.at_table_path(item):
                # `terra S.methods.f` or `terra ns.S.methods.f` after `struct S`/`struct
                # ns.S` in this chain: as with a method, the path is read and assigned
                # (by this accessor) only once the chain's structs are assigned.
                path = ".".join(item.path)
                targets.append(None)
                currents.append(f"function(__v) if __v then {path} = __v "
                                f"else return {path} end end")
            else:
                targets.append(".".join(item.path))
                currents.append("nil" if local else ".".join(item.path))
        first, last = statements[0], statements[-1]
        chain = T.DefinitionChain(tuple(items), span=self.span(first))
        emitter.scope.declare(*locals_)
        index = self.register(chain)
        params = ", ".join(f"__{i}" for i in range(len(items)))
        sets = " ".join(f"{t} = __{i}" for i, t in enumerate(targets) if t is not None)
        declare = f"local {', '.join(locals_)}; " if locals_ else ""
        environment = environment_of(emitter, statements)
        call = (f"{declare}__T.define({index}, {environment}, function({params}) {sets} end, "
                f"{', '.join(currents)})") + (";" if terminate else "")
        newlines = self.text.count("\n", start_of(first), end_of(last))
        return call + "\n" * newlines

    def anonymous_function(self, node, emitter) -> str:
        tree = T.AnonFunction(self.function_body(node.children[1]), span=self.span(node))
        return self.lua_call("anonfunction", tree, node, emitter)

    def anonymous_struct(self, node, emitter) -> str:
        tree = T.AnonStruct(self.struct_body(node.children[1]), span=self.span(node))
        return self.lua_call("anonstruct", tree, node, emitter)

    def quote(self, node, emitter) -> str:
        if node.data == "backquote":
            expression = self.expr(node.children[1])
            tree = T.Quote(T.Block((), span=self.span(node)), (expression,), True, span=self.span(node))
        else:
            block = node.children[1]
            results = tuple(self.exprs(node.children[2])) if len(node.children) > 2 else None
            tree = T.Quote(self.block(block, node), results, False, span=self.span(node))
        return self.lua_call("quote", tree, node, emitter)

    def lua_call(self, kind: str, tree, node, emitter) -> str:
        index = self.register(tree)
        environment = environment_of(emitter, [node])
        return f"__T.{kind}({index}, {environment})" + "\n" * self.text.count(
            "\n", start_of(node), end_of(node))

    # -------------------------------------------------------- definitions
    def definition(self, node, local: bool):
        path, method = self.function_name(node.children[1])
        if local and (len(path) > 1 or method):
            self.error("'<name>' expected", node.children[1].children[1] if len(path) > 1
                       else node.children[1])
        kind = node.data
        if kind == "terrafunction":
            return T.FunctionDef(path, method, local, self.function_body(node.children[2]),
                                 span=self.span(node))
        if kind == "terradecl":
            return T.FunctionDecl(path, method, local, self.lua_expr(node.children[2]),
                                  span=self.span(node))
        if method:
            self.error("'{' expected", node.children[1])
        if kind == "struct":
            body = self.struct_body(node.children[2]) if len(node.children) > 2 else None
            return T.StructDef(path, local, body, None, span=self.span(node))
        return T.StructDef(path, local, self.struct_body(node.children[3]),
                           self.lua_expr(node.children[2]), span=self.span(node))

    def function_name(self, node) -> tuple[tuple[str, ...], bool]:
        names = tuple(token.value for token in node.children)
        text = self.text[start_of(node):end_of(node)]
        return names, ":" in text

    def function_body(self, node) -> T.FunctionBody:
        params, varargs, return_type = (), False, None
        children = list(node.children)
        if children and isinstance(children[0], Tree) and children[0].data == "tparlist":
            params, varargs = self.parameters(children.pop(0))
        if len(children) == 2:
            return_type = self.lua_expr(children.pop(0))
        return T.FunctionBody(params, varargs, return_type, self.block(children[0], node),
                              span=self.span(node))

    def parameters(self, node):
        params, varargs = [], False
        for child in node.children:
            if isinstance(child, Token):       # VARARG
                varargs = True
            elif child.data == "param":
                name, type_ = child.children
                params.append(T.Param(name.value, self.lua_expr(type_), span=self.span(child)))
            else:
                escape = child.children[0]
                type_ = self.lua_expr(child.children[1]) if len(child.children) > 1 else None
                params.append(T.Param(self.ident(escape), type_, span=self.span(child)))
        return tuple(params), varargs

    def struct_body(self, node) -> T.StructBody:
        return T.StructBody(tuple(self.struct_entry(e) for e in node.children), span=self.span(node))

    def struct_entry(self, node):
        if node.data == "union":
            return T.UnionEntries(tuple(self.struct_entry(e) for e in node.children[1:]),
                                  span=self.span(node))
        name, type_ = node.children
        field = name.value if node.data == "entry" else self.ident(name)
        return T.StructEntry(field, self.lua_expr(type_), span=self.span(node))

    # ---------------------------------------------------------- statements
    def block(self, node, owner) -> T.Block:
        if node.meta.empty:
            return T.Block((), span=self.span(owner))
        return T.Block(tuple(self.statement(s) for s in node.children), span=self.span(node))

    def statement(self, node):
        handler = getattr(self, "stat_" + node.data, None)
        if handler is None:
            raise AssertionError(f"terra statement kind without a builder: {node.data}")
        return handler(node)

    def stat_empty(self, node):
        return T.Block((), span=self.span(node))

    def stat_tretstat(self, node):
        values = tuple(self.exprs(node.children[0])) if node.children else ()
        return T.Return(values, span=self.span(node))

    def stat_assign(self, node):
        targets, values = node.children
        return T.Assign(tuple(self.exprs(targets)), tuple(self.exprs(values)), span=self.span(node))

    def stat_exprstat(self, node):
        expression = node.children[0]
        if isinstance(expression, Tree) and expression.data == "escapeexp":
            return T.EscapeBlock(self.lua_block(expression, expression.children[1]),
                                 span=self.span(expression))
        return T.ExprStatement(self.expr(expression), span=self.span(node))

    def stat_var(self, node):
        names = tuple(self.var_name(v) for v in node.children[1].children)
        values = tuple(self.exprs(node.children[2])) if len(node.children) > 2 else None
        return T.VarDecl(names, values, span=self.span(node))

    def var_name(self, node) -> T.VarName:
        name = self.ident(node.children[0])
        type_ = self.lua_expr(node.children[1]) if len(node.children) > 1 else None
        return T.VarName(name, type_, span=self.span(node))

    def stat_label(self, node):
        return T.Label(self.ident(node.children[0]), span=self.span(node))

    def stat_goto(self, node):
        return T.Goto(self.ident(node.children[0]), span=self.span(node))

    def stat_break_(self, node):
        return T.Break(span=self.span(node))

    def stat_do(self, node):
        return T.DoBlock(self.block(node.children[1], node), span=self.span(node))

    def stat_while_(self, node):
        _keyword, condition, body = node.children
        return T.While(self.expr(condition), self.block(body, node), span=self.span(node))

    def stat_repeat(self, node):
        _keyword, body, condition = node.children
        return T.Repeat(self.block(body, node), self.expr(condition), span=self.span(node))

    def stat_if_(self, node):
        _keyword, condition, body, *rest = node.children
        branches = [(self.expr(condition), self.block(body, node))]
        orelse = None
        for part in rest:
            if part.data == "telseif":
                branches.append((self.expr(part.children[0]), self.block(part.children[1], part)))
            else:
                orelse = self.block(part.children[0], part)
        return T.If(tuple(branches), orelse, span=self.span(node))

    def stat_fornum(self, node):
        _keyword, var, *bounds, body = node.children
        bounds = [self.expr(b) for b in bounds]
        step = bounds[2] if len(bounds) > 2 else None
        return T.ForNum(self.var_name(var), bounds[0], bounds[1], step, self.block(body, node),
                        span=self.span(node))

    def stat_forin(self, node):
        _keyword, *variables, iterables, body = node.children
        return T.ForIn(tuple(self.var_name(v) for v in variables), tuple(self.exprs(iterables)),
                       self.block(body, node), span=self.span(node))

    def stat_defer(self, node):
        return T.Defer(self.expr(node.children[1]), span=self.span(node))

    def stat_switch(self, node):
        _keyword, value, *parts = node.children
        cases, orelse = [], None
        for part in parts:
            if part.data == "case":
                cases.append(T.Case(self.expr(part.children[1]), self.block(part.children[2], part),
                                    span=self.span(part)))
            else:
                orelse = self.block(part.children[0], part)
        return T.Switch(self.expr(value), tuple(cases), orelse, span=self.span(node))

    # --------------------------------------------------------- expressions
    def exprs(self, node):
        return [self.expr(child) for child in node.children]

    def expr(self, node):
        if isinstance(node, Token):
            raise AssertionError(f"bare token in a terra expression: {node.type}")
        handler = getattr(self, "exp_" + node.data, None)
        if handler is None:
            self.error("unexpected symbol", node)
        return handler(node)

    def exp_name(self, node):
        return T.Var(node.children[0].value, span=self.span(node))

    def exp_number(self, node):
        token = node.children[0]
        try:
            value, kind = literals.terra_number(token.value)
        except literals.MalformedNumber:
            self.error("malformed number", token, token.value)
        return T.Number(value, kind, span=self.span(node))

    def exp_string(self, node):
        token = node.children[0]
        try:
            value = literals.string_value(token.value)
        except literals.InvalidEscape as bad:
            self.error("invalid escape sequence", token, token.value[:bad.offset + 1])
        return T.String(value, span=self.span(node))

    def exp_nil(self, node):
        return T.Nil(span=self.span(node))

    def exp_true(self, node):
        return T.Bool(True, span=self.span(node))

    def exp_false(self, node):
        return T.Bool(False, span=self.span(node))

    def exp_paren(self, node):
        return self.expr(node.children[0])

    def exp_binop(self, node):
        lhs, op, rhs = node.children
        return T.BinaryOp(op.value, self.expr(lhs), self.expr(rhs), span=self.span(node))

    def exp_arrow(self, node):
        # A function type inside terra code is a Lua value: evaluate it as Lua.
        return T.Escape(self.lua_expr(node), span=self.span(node))

    def exp_unop(self, node):
        op, operand = node.children
        if op.value == "#":
            self.error("# operator not supported in Terra code", op, "#")
        if op.value == "+":
            self.error("unexpected symbol", op)
        return T.UnaryOp(op.value, self.expr(operand), span=self.span(node))

    def exp_field(self, node):
        value, name = node.children
        return T.Select(self.expr(value), name.value, span=self.span(node))

    def exp_fieldescape(self, node):
        value, escape = node.children
        return T.Select(self.expr(value), self.ident(escape), span=self.span(node))

    def exp_index(self, node):
        value, index = node.children
        return T.Index(self.expr(value), self.expr(index), span=self.span(node))

    def exp_call(self, node):
        callee, args = node.children
        return T.Call(self.expr(callee), self.arguments(args), span=self.span(node))

    def exp_method(self, node):
        receiver, name, args = node.children
        return T.MethodCall(self.expr(receiver), name.value, self.arguments(args),
                            span=self.span(node))

    def exp_methodescape(self, node):
        receiver, escape, args = node.children
        return T.MethodCall(self.expr(receiver), self.ident(escape), self.arguments(args),
                            span=self.span(node))

    def arguments(self, node) -> tuple:
        if node.data == "args":
            return tuple(self.exprs(node.children[0])) if node.children else ()
        if node.data == "tableargs":
            return (self.expr(node.children[0]),)
        return (self.exp_string(node),)

    def exp_escape(self, node):
        return T.Escape(self.lua_expr(node.children[1]), span=self.span(node))

    def exp_escapeexp(self, node):
        return T.EscapeBlock(self.lua_block(node, node.children[1]), span=self.span(node))

    def exp_table(self, node):
        fields = []
        for child in node.children:
            if child.data == "posfield":
                fields.append(T.ConstructorField(None, self.expr(child.children[0]),
                                                 span=self.span(child)))
            elif child.data == "namefield":
                name, value = child.children
                fields.append(T.ConstructorField(name.value, self.expr(value), span=self.span(child)))
            else:
                _bracket, key, value = child.children
                fields.append(T.ConstructorField(self.lua_expr(key), self.expr(value),
                                                 span=self.span(child)))
        return T.Constructor(tuple(fields), span=self.span(node))

    def exp_terraexp(self, node):
        self.error("terra functions cannot be nested inside terra code", node, "terra")

    def exp_functionexp(self, node):
        self.error("unexpected symbol", node)

    exp_vararg = exp_functionexp
    exp_structexp = exp_functionexp
    exp_quote = exp_functionexp
    exp_backquote = exp_functionexp


def free_names(node) -> tuple[str, ...]:
    if isinstance(node, Token):
        return ()
    return tuple(sorted({t.children[0].value for t in node.iter_subtrees() if t.data == "name"}))


def environment_of(emitter: LuaEmitter, nodes) -> str:
    """The env-capturing closure for a construct spanning `nodes`."""
    names = set()
    for node in nodes:
        names.update(free_names(node))
    captured = [name for name in sorted(names) if emitter.scope.visible(name)]
    table = "{" + ", ".join(f"{n}={n}" for n in captured) + "}"
    assigned = sorted(set(captured) & escape_assignments(nodes))
    if not assigned:
        return f"function() return {table} end"
    # `escape count = count + 1 end` assigns the Lua local itself, through a setter
    cases = " else".join(f"if k == {name!r} then {name} = v" for name in assigned)
    return (f"function() return {table}, function(k, v) {cases} else return false end "
            "return true end end")


def escape_assignments(nodes) -> set[str]:
    """Plain names assigned by statements inside `escape ... end` blocks."""
    found = set()
    for node in nodes:
        if isinstance(node, Token):
            continue
        for escape in node.iter_subtrees():
            if escape.data != "escapeexp":
                continue
            for statement in escape.iter_subtrees():
                if statement.data == "assign" and statement.children:
                    targets = statement.children[0]
                    items = targets.children if getattr(targets, "data", None) == "explist" \
                        else [targets]
                    for target in items:
                        if getattr(target, "data", None) == "name":
                            found.add(target.children[0].value)
    return found
