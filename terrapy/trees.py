"""The untyped terra tree: what the parser produces for terra code.

Frozen, slotted dataclasses; every node has a keyword-only `span`. Banners
group the nodes by the pass that removes them (Terra's discipline):
specialization removes the Lua parts (`LuaExpr`, `LuaBlock`, `Escape`,
`EscapeBlock`, names that are Lua values); type checking gives the rest types.
A field that may hold either a name or an escape (`var [s]`, `a.[f]`) has type
`Ident` = `str | LuaExpr`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Union

from .source import Span


def node(cls):
    return dataclass(frozen=True, slots=True)(cls)


@node
class Node:
    span: Span = field(kw_only=True, compare=False, repr=False)

    def children(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Node):
                yield value
            elif isinstance(value, tuple):
                for item in value:
                    if isinstance(item, Node):
                        yield item
                    elif isinstance(item, tuple):
                        yield from (x for x in item if isinstance(x, Node))


# ============ Lua inside terra code (removed during specialization) ============

@node
class LuaExpr(Node):
    """A Lua expression, already translated to plain Lua: a type annotation, an
    escape's contents, a constructor key. `names` are the free names it uses."""
    code: str
    names: tuple[str, ...]


@node
class LuaBlock(Node):
    """The Lua statements of an `escape ... end` block (`emit` became `__emit`)."""
    code: str
    names: tuple[str, ...]


Ident = Union[str, LuaExpr]


@node
class Escape(Node):
    """`[e]` in an expression or statement position."""
    lua: LuaExpr


@node
class EscapeBlock(Node):
    """`escape ... end`, as a statement or an expression."""
    lua: LuaBlock


# ================================ Expressions ================================

@node
class Var(Node):
    """A name: a terra local if one is in scope, otherwise a Lua value."""
    name: str


@node
class Number(Node):
    value: int | float
    type: str          # int, uint32, int64, uint64, float, double


@node
class String(Node):
    value: bytes


@node
class Bool(Node):
    value: bool


@node
class Nil(Node):
    pass


@node
class BinaryOp(Node):
    op: str            # + - * / % ^ == ~= < <= > >= and or << >>
    lhs: Node
    rhs: Node


@node
class UnaryOp(Node):
    op: str            # - not @ &
    operand: Node


@node
class Select(Node):
    """`a.b` (also a Lua table lookup while `a` is a Lua value)."""
    value: Node
    field: Ident


@node
class Index(Node):
    value: Node
    index: Node


@node
class Call(Node):
    callee: Node
    args: tuple[Node, ...]


@node
class MethodCall(Node):
    receiver: Node
    name: Ident
    args: tuple[Node, ...]


@node
class ConstructorField(Node):
    key: Ident | None  # None: positional
    value: Node


@node
class Constructor(Node):
    fields: tuple[ConstructorField, ...]


# ================================ Statements =================================

@node
class Block(Node):
    statements: tuple[Node, ...]


@node
class VarName(Node):
    name: Ident
    type: LuaExpr | None


@node
class VarDecl(Node):
    names: tuple[VarName, ...]
    values: tuple[Node, ...] | None   # None: no initialiser


@node
class Assign(Node):
    targets: tuple[Node, ...]
    values: tuple[Node, ...]


@node
class ExprStatement(Node):
    expr: Node


@node
class If(Node):
    branches: tuple[tuple[Node, Block], ...]
    orelse: Block | None


@node
class While(Node):
    condition: Node
    body: Block


@node
class Repeat(Node):
    body: Block
    condition: Node


@node
class ForNum(Node):
    var: VarName
    start: Node
    stop: Node
    step: Node | None
    body: Block


@node
class ForIn(Node):
    vars: tuple[VarName, ...]
    iterables: tuple[Node, ...]
    body: Block


@node
class Break(Node):
    pass


@node
class Goto(Node):
    label: Ident


@node
class Label(Node):
    label: Ident


@node
class Return(Node):
    values: tuple[Node, ...]


@node
class Defer(Node):
    call: Node


@node
class Case(Node):
    value: Node
    body: Block


@node
class Switch(Node):
    value: Node
    cases: tuple[Case, ...]
    orelse: Block | None


@node
class DoBlock(Node):
    body: Block


# ========================= Definitions (Lua-level forms) ======================

@node
class Param(Node):
    name: Ident
    type: LuaExpr | None    # None only for a symbol parameter `[s]`


@node
class FunctionBody(Node):
    params: tuple[Param, ...]
    varargs: bool
    return_type: LuaExpr | None
    body: Block


@node
class StructEntry(Node):
    field: Ident
    type: LuaExpr


@node
class UnionEntries(Node):
    entries: tuple[Node, ...]    # StructEntry | UnionEntries


@node
class StructBody(Node):
    entries: tuple[Node, ...]


@node
class FunctionDef(Node):
    """`terra a.b.c(...) ... end` or `terra A:m(...)` (then `method` is true)."""
    path: tuple[str, ...]
    method: bool
    local: bool
    body: FunctionBody


@node
class FunctionDecl(Node):
    """`terra f :: T`."""
    path: tuple[str, ...]
    method: bool
    local: bool
    type: LuaExpr


def at_table_path(item) -> bool:
    """A function defined or declared at a table path (`terra a.b.f`), not as a
    method: in a definition chain it is declared, by an accessor of its path, only
    after the chain's structs and plain names are assigned, since the path may go
    through one of them (the translation emits the accessor, the runtime's
    `define` runs it late)."""
    return not isinstance(item, StructDef) and not item.method and len(item.path) > 1


@node
class StructDef(Node):
    """`struct S { ... }`, `struct S` (declaration only: body None), `struct S(fn) {}`."""
    path: tuple[str, ...]
    local: bool
    body: StructBody | None
    metatype: LuaExpr | None


@node
class DefinitionChain(Node):
    """Consecutive terra/struct statements, defined together (mutual recursion)."""
    items: tuple[Node, ...]


@node
class AnonFunction(Node):
    body: FunctionBody


@node
class AnonStruct(Node):
    body: StructBody


@node
class Quote(Node):
    """`quote ... [in ...] end` (short=False) or a backtick quote (short=True)."""
    body: Block
    results: tuple[Node, ...] | None
    short: bool


# ==================== Exists after specialization (no Lua left) ===================

class Symbol:
    """A terra local: each declaration is a distinct symbol, whatever its name."""
    __slots__ = ("name", "type", "id", "declared")
    _next = [0]

    def __init__(self, name: str, type_=None):
        Symbol._next[0] += 1
        self.name, self.type, self.id = name, type_, Symbol._next[0]
        self.declared = type_      # the type given to symbol(T): it fixes the variable's

    def __repr__(self):
        return f"${self.name}{self.id}"


@node
class LocalRef(Node):
    symbol: Symbol


@node
class LuaValue(Node):
    """A Lua value used in terra code, classified by the resolver.

    kind: function, type, number, boolean, string, global, luafunction, table,
    cdata, nil; `value` is the Python-side object (TerraFunction, Type, a
    number...) or, for tables, the Lua table itself."""
    kind: str
    value: object = field(compare=False)


@node
class SplicedQuote(Node):
    """A quote spliced where a value is wanted: its statements run, then its
    results (specialized in the quote's own scope: hygiene)."""
    body: Block
    results: tuple[Node, ...]


@node
class Typed(Node):
    """An already type-checked value handed back to Lua code (the `exp` quote a
    __cast metamethod receives); type checking it again gives it unchanged."""
    expr: object = field(compare=False)


class QuoteCode:
    """What a Lua quote holds: its code specialized once, when the quote was made
    (escapes run then, in order), plus what must be fresh at every splice (the
    locals it declares by name, the labels it defines). `tree` is the written
    form (q.tree, q:asvalue()). Code already specialized elsewhere (a macro's
    argument, a __for body) has nothing to rename."""
    __slots__ = ("tree", "body", "results", "created", "labels", "keep")

    def __init__(self, tree, body, results, created=(), labels=(), keep=None):
        self.tree, self.body, self.results = tree, body, results
        self.created, self.labels, self.keep = tuple(created), frozenset(labels), keep

    @classmethod
    def specialized(cls, node, keep=None):
        """Code that is already specialized: a block, or one expression."""
        if isinstance(node, Block):
            return cls(node, node, ())
        return cls(node, Block((), span=node.span), (node,), keep=keep)
