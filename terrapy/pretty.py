"""Source-like printing of terra trees (`f:printpretty()`, `q:printpretty()`)."""
from __future__ import annotations

from . import trees as T

INDENT = "  "


def function(name: str, body: T.FunctionBody, type_=None) -> str:
    """With the function's type known, parameters show their evaluated types."""
    shown = list(type_.parameters[-len(body.params):]) if type_ is not None and body.params \
        else [lua(p.type) for p in body.params]
    params = ", ".join(f"{ident(p.name)} : {t}" for p, t in zip(body.params, shown))
    if body.varargs:
        params = params + ", ..." if params else "..."
    if type_ is not None:
        returns = f" : {type_.returntype}"
    else:
        returns = f" : {lua(body.return_type)}" if body.return_type else ""
    return "\n".join([f"terra {name}({params}){returns}", *block(body.body, 1), "end"])


def quote(tree: T.Quote) -> str:
    lines = ["quote", *block(tree.body, 1)]
    if tree.results:
        lines.append("in " + ", ".join(expr(e) for e in tree.results))
    return "\n".join(lines + ["end"])


def ident(name) -> str:
    return name if isinstance(name, str) else f"[{name.code}]"


def lua(piece) -> str:
    return piece.code if piece is not None else "?"


def block(node: T.Block, depth: int) -> list[str]:
    out = []
    for statement in node.statements:
        out.extend(INDENT * depth + line for line in stat(statement, depth))
    return out


def stat(node, depth) -> list[str]:
    inner = lambda b: [line[len(INDENT) * depth:] for line in block(b, depth + 1)]
    kind = type(node).__name__
    if kind == "VarDecl":
        names = ", ".join(ident(v.name) + (f" : {lua(v.type)}" if v.type else "") for v in node.names)
        values = f" = {', '.join(expr(v) for v in node.values)}" if node.values else ""
        return [f"var {names}{values}"]
    if kind == "Assign":
        return [f"{', '.join(map(expr, node.targets))} = {', '.join(map(expr, node.values))}"]
    if kind == "ExprStatement":
        return [expr(node.expr)]
    if kind == "Return":
        return ["return " + ", ".join(map(expr, node.values))]
    if kind == "If":
        lines = []
        for i, (condition, body) in enumerate(node.branches):
            lines.append(f"{'if' if i == 0 else 'elseif'} {expr(condition)} then")
            lines.extend(inner(body))
        if node.orelse is not None:
            lines.append("else")
            lines.extend(inner(node.orelse))
        return lines + ["end"]
    if kind == "While":
        return [f"while {expr(node.condition)} do", *inner(node.body), "end"]
    if kind == "Repeat":
        return ["repeat", *inner(node.body), f"until {expr(node.condition)}"]
    if kind == "ForNum":
        step = f", {expr(node.step)}" if node.step else ""
        return [f"for {ident(node.var.name)} = {expr(node.start)}, {expr(node.stop)}{step} do",
                *inner(node.body), "end"]
    if kind in ("DoBlock", "Block"):
        return ["do", *inner(node.body if kind == "DoBlock" else node), "end"]
    if kind == "Defer":
        return [f"defer {expr(node.call)}"]
    if kind in ("Goto", "Label"):
        label = ident(node.label)
        return [f"goto {label}" if kind == "Goto" else f"::{label}::"]
    if kind == "Break":
        return ["break"]
    if kind == "Switch":
        lines = [f"switch {expr(node.value)} do"]
        for case in node.cases:
            lines += [f"case {expr(case.value)} then", *inner(case.body)]
        if node.orelse is not None:
            lines += ["else", *inner(node.orelse)]
        return lines + ["end"]
    if kind == "EscapeBlock":
        return ["escape", node.lua.code, "end"]
    return [f"<{kind}>"]


def expr(node) -> str:
    kind = type(node).__name__
    if kind == "Var":
        return node.name
    if kind == "Number":
        return repr(node.value)
    if kind == "String":
        return repr(node.value.decode("utf-8", "replace"))
    if kind == "Bool":
        return "true" if node.value else "false"
    if kind == "Nil":
        return "nil"
    if kind == "BinaryOp":
        return f"({expr(node.lhs)} {node.op} {expr(node.rhs)})"
    if kind == "UnaryOp":
        space = " " if node.op == "not" else ""
        return f"{node.op}{space}{expr(node.operand)}"
    if kind == "Select":
        return f"{expr(node.value)}.{ident(node.field)}"
    if kind == "Index":
        return f"{expr(node.value)}[{expr(node.index)}]"
    if kind == "Call":
        return f"{expr(node.callee)}({', '.join(map(expr, node.args))})"
    if kind == "MethodCall":
        return f"{expr(node.receiver)}:{ident(node.name)}({', '.join(map(expr, node.args))})"
    if kind == "Constructor":
        fields = [(f"{ident(f.key)} = " if f.key is not None else "") + expr(f.value)
                  for f in node.fields]
        return "{" + ", ".join(fields) + "}"
    if kind == "Escape":
        return f"[{node.lua.code}]"
    if kind == "EscapeBlock":
        return f"escape {node.lua.code} end"
    return f"<{kind}>"
