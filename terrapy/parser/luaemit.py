"""Lua emission: a Lark tree of Lua code -> plain Lua text, line for line.

Lua text is copied from the source unchanged; only Terra constructs are
replaced, each by a call into the chunk's runtime table `__T` that carries the
index of its terra tree, padded with the newlines it spanned so that every
later line keeps its number. The emitter tracks Lua's lexical scopes so that a
terra construct can capture the Lua locals it mentions (DESIGN.md: "How
specialization can see Lua's scope").
"""
from __future__ import annotations

from lark import Token, Tree

from .syntax_errors import error_at, next_token_pos
from . import literals

DEFINITIONS = {"terrafunction", "terradecl", "struct", "metastruct", "localterradef"}
ASSIGNABLE = {"name", "field", "index"}
CALLS = {"call", "method"}


def start_of(node) -> int | None:
    if isinstance(node, Token):
        return node.start_pos
    return None if node.meta.empty else node.meta.start_pos


def end_of(node) -> int | None:
    if isinstance(node, Token):
        return node.end_pos
    return None if node.meta.empty else node.meta.end_pos


class Scope:
    """Lua locals visible at a point: a stack of sets."""

    def __init__(self):
        self.frames: list[set[str]] = [set()]

    def push(self):
        self.frames.append(set())

    def pop(self):
        self.frames.pop()

    def declare(self, *names: str):
        self.frames[-1].update(names)

    def visible(self, name: str) -> bool:
        return any(name in frame for frame in self.frames)


class LuaEmitter:
    """Emits the Lua of one chunk, or of one piece of Lua inside terra code."""

    def __init__(self, chunk, in_escape: bool = False):
        self.chunk = chunk          # translate.Chunk: text, chunkname, trees, builder
        self.text = chunk.text
        self.scope = Scope()
        self.in_escape = in_escape

    # ------------------------------------------------------------- generic
    def emit(self, node) -> str:
        if isinstance(node, Token):
            return self.text[node.start_pos:node.end_pos]
        handler = getattr(self, "emit_" + node.data, None)
        if handler is not None:
            return handler(node)
        return self.splice(node)

    def splice(self, node, children=None) -> str:
        """The node's source text with each child replaced by its emission."""
        if node.meta.empty:
            return ""
        pos, out = node.meta.start_pos, []
        for child in node.children if children is None else children:
            child_start = start_of(child)
            if child_start is None:
                continue
            out.append(self.text[pos:child_start])
            out.append(self.emit(child))
            pos = end_of(child)
        out.append(self.text[pos:node.meta.end_pos])
        return "".join(out)

    def error(self, message: str, pos: int, near: str | None = None):
        raise error_at(message, self.text, self.chunk.chunkname, pos, near)

    # -------------------------------------------------------------- blocks
    def emit_block(self, node) -> str:
        self.scope.push()
        try:
            return self.statements(node)
        finally:
            self.scope.pop()

    def statements(self, node) -> str:
        """A block's statements; consecutive terra/struct definitions form one chain."""
        if node.meta.empty:
            return ""
        pos, out = node.meta.start_pos, []
        children = node.children
        i = 0
        while i < len(children):
            child = children[i]
            if isinstance(child, Tree) and child.data in DEFINITIONS:
                j = i
                while j + 1 < len(children) and isinstance(children[j + 1], Tree) \
                        and children[j + 1].data in DEFINITIONS:
                    j += 1
                out.append(self.text[pos:start_of(child)])
                # The call ends with `;` (so that a next line starting with `(` is not
                # read as its arguments) unless the source has one there already:
                # LuaJIT takes no empty statement, `;;` is a syntax error.
                follows = next_token_pos(self.text, end_of(children[j]))
                terminate = not self.text.startswith(";", follows)
                out.append(self.chunk.builder.definition_chain(children[i:j + 1], self,
                                                               terminate))
                pos = end_of(children[j])
                i = j + 1
                continue
            out.append(self.text[pos:start_of(child)])
            out.append(self.emit(child))
            pos = end_of(child)
            i += 1
        out.append(self.text[pos:node.meta.end_pos])
        return "".join(out)

    def emit_repeat(self, node) -> str:
        # `until` sees the block's locals.
        _keyword, body, condition = node.children
        self.scope.push()
        try:
            pieces = self.text[node.meta.start_pos:start_of(body)] if not body.meta.empty else None
            if pieces is None:
                return self.splice(node, [condition])
            return (pieces + self.statements(body)
                    + self.text[end_of(body):start_of(condition)] + self.emit(condition)
                    + self.text[end_of(condition):node.meta.end_pos])
        finally:
            self.scope.pop()

    # ----------------------------------------------- statements with locals
    def emit_local(self, node) -> str:
        names = [token.value for token in node.children[1].children]
        text = self.splice(node)     # the right-hand side does not see the new names
        self.scope.declare(*names)
        return text

    def emit_localfunction(self, node) -> str:
        self.scope.declare(node.children[2].value)
        return self.splice(node)

    def emit_funcbody(self, node) -> str:
        self.scope.push()
        try:
            params = node.children[0] if isinstance(node.children[0], Tree) \
                and node.children[0].data == "parlist" else None
            if params is not None:
                self.scope.declare(*(t.value for t in params.children if t.type == "NAME"))
            body = node.children[-1]
            return self.splice(node, [body]) if body.meta.empty \
                else self.text[node.meta.start_pos:start_of(body)] + self.statements(body) \
                + self.text[end_of(body):node.meta.end_pos]
        finally:
            self.scope.pop()

    def emit_fornum(self, node) -> str:
        _for, var, *bounds, body = node.children
        return self.loop(node, [var.value], bounds, body)

    def emit_forin(self, node) -> str:
        _for, names, iterables, body = node.children
        return self.loop(node, [t.value for t in names.children], [iterables], body)

    def loop(self, node, names, heads, body) -> str:
        """A `for`: its heads see the enclosing scope, its body the loop variables."""
        if body.meta.empty:
            return self.splice(node, heads)
        self.scope.push()
        self.scope.declare(*names)
        try:
            head = self.splice_until(node, heads, start_of(body))
            return head + self.statements(body) + self.text[end_of(body):node.meta.end_pos]
        finally:
            self.scope.pop()

    def splice_until(self, node, children, stop: int) -> str:
        pos, out = node.meta.start_pos, []
        for child in children:
            out.append(self.text[pos:start_of(child)])
            out.append(self.emit(child))
            pos = end_of(child)
        out.append(self.text[pos:stop])
        return "".join(out)

    # --------------------------------------------- Lua's statement checks
    def emit_exprstat(self, node) -> str:
        exp = node.children[0]
        if exp.data not in CALLS:
            self.not_a_statement(exp)
        return self.splice(node)

    def not_a_statement(self, exp):
        """Word the error as LuaJIT's parse_call_assign would."""
        first = exp
        while isinstance(first, Tree) and first.data in ("binop", "arrow"):
            first = first.children[0]
        if isinstance(first, Tree) and first.data in ASSIGNABLE:
            pos = next_token_pos(self.text, end_of(first))
            self.error("'=' expected", pos)
        if isinstance(first, Tree) and first.data in CALLS:
            self.error("unexpected symbol", next_token_pos(self.text, end_of(first)))
        if isinstance(first, Tree) and first.data == "paren":
            self.error("syntax error", next_token_pos(self.text, end_of(first)))
        self.error("unexpected symbol", start_of(first))

    def emit_assign(self, node) -> str:
        targets = node.children[0].children
        for index, target in enumerate(targets):
            if target.data in ASSIGNABLE:
                continue
            if index == 0 and target.data in CALLS:
                self.error("unexpected symbol", next_token_pos(self.text, end_of(target)))
            if index == 0 and target.data != "paren":
                self.not_a_statement(target)
            self.error("syntax error", next_token_pos(self.text, end_of(target)))
        return self.splice(node)

    # ------------------------------------------ operators Lua code may not use
    def emit_unop(self, node) -> str:
        op, operand = node.children
        if op.value == "&":
            self.chunk.uses_runtime = True
            return f"__T.pointer({self.emit(operand)})"
        if op.value in ("@", "+"):
            self.error("unexpected symbol", op.start_pos)
        return self.splice(node)

    def emit_binop(self, node) -> str:
        op = node.children[1]
        if op.type == "SHIFTOP":
            self.error("unexpected symbol", op.start_pos)
        return self.splice(node)

    def emit_arrow(self, node) -> str:
        lhs, arrow, rhs = node.children
        self.chunk.uses_runtime = True
        between = self.text[end_of(lhs):arrow.start_pos] + "," + self.text[arrow.end_pos:start_of(rhs)]
        return f"__T.arrow({self.emit(lhs)}{between}{self.emit(rhs)})"

    def emit_number(self, node) -> str:
        token = node.children[0]
        if not literals.lua_number_ok(token.value):
            self.error("malformed number", token.start_pos, token.value)
        return token.value

    def emit_escape(self, node) -> str:
        self.error("unexpected symbol", start_of(node))

    def emit_fieldescape(self, node) -> str:
        self.error("'<name>' expected", start_of(node.children[1]))

    emit_methodescape = emit_fieldescape

    def emit_escapeexp(self, node) -> str:
        self.error("unexpected symbol", start_of(node))

    def emit_emit(self, node) -> str:
        expression = node.children[1]
        return f"__emit({self.emit(expression)})" + self.padding_between(node, expression)

    def padding_between(self, node, inner) -> str:
        return "\n" * (self.text.count("\n", start_of(node), end_of(node))
                       - self.text.count("\n", start_of(inner), end_of(inner)))

    def emit_import_(self, node) -> str:
        name = literals.string_value(node.children[1].value).decode("utf-8", "surrogateescape")
        self.chunk.imported(name, node)
        return " " * (end_of(node) - start_of(node))

    # ------------------------------------------------- terra in Lua exprs
    def emit_terraexp(self, node) -> str:
        return self.chunk.builder.anonymous_function(node, self)

    def emit_structexp(self, node) -> str:
        return self.chunk.builder.anonymous_struct(node, self)

    def emit_quote(self, node) -> str:
        return self.chunk.builder.quote(node, self)

    def emit_backquote(self, node) -> str:
        return self.chunk.builder.quote(node, self)
