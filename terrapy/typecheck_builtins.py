"""Type checking of terra's built-in operations: sizeof, terralib.select,
vector/array constructors, operator(name, ...), and memory operations
(attrload/attrstore, fence, cmpxchg, atomicrmw). A mixin of FunctionChecker."""
from __future__ import annotations

from . import trees as T
from . import typed as X
from . import types
from .typerules import BOOL, OPERATOR_METAMETHODS, element, is_bool, is_vector


class BuiltinChecks:
    def builtin(self, name, node):
        if name == "sizeof":
            if len(node.args) != 1 or not (isinstance(node.args[0], T.LuaValue)
                                           and node.args[0].kind == "type"):
                self.error("sizeof expects a type", node.span)
            t = node.args[0].value
            self.compiler.complete(t, node.span, self.diagnostics)
            return X.Const(types.size_of(t), types.primitive("uint64"), node.span)
        if name == "select":
            if len(node.args) != 3:
                self.error("terralib.select expects three arguments", node.span)
            condition, lhs, rhs = (self.rvalue(self.expr(a)) for a in node.args)
            if not is_bool(element(condition.type)):
                self.error(f"select expects a boolean condition but found {condition.type}",
                           node.span)
            common = self.meet(lhs.type, rhs.type, node.span)
            if is_vector(condition.type) and common is not None and \
                    (not is_vector(common) or common.N != condition.type.N):
                common = types.vector(element(common), condition.type.N)
            if common is None:
                self.error(f"incompatible types {lhs.type} and {rhs.type} in select", node.span)
            return X.SelectValue(condition, self.convert(lhs, common), self.convert(rhs, common),
                                 node.span)
        if name in ("vector", "vectorof", "array", "arrayof"):
            return self.elements(name, node)
        if name == "operator":
            return self.operator_call(node)
        if name == "debuginfo":      # a source position for debug info: code is unchanged
            return X.Construct(types.UNIT, [], node.span)
        if name in ("attrload", "attrstore", "fence", "cmpxchg", "atomicrmw"):
            return self.memory_operation(name, node)
        if name == "unpackstruct":
            return self.unpack_struct(node)
        if name == "asm":
            return self.inline_asm(node)
        self.error(f"unknown builtin {name}", node.span)

    def inline_asm(self, node):
        """terralib.asm(rettype, "code", "constraints", volatile, operands...):
        LLVM inline assembly (AT&T syntax, LLVM's constraint strings)."""
        if len(node.args) < 4:
            self.error("terralib.asm expects a type, the code, the constraints and a "
                       "volatile flag, then the operands", node.span)
        kind, result = literal(node.args[0])
        if kind != "type":
            self.error("terralib.asm expects the result type first", node.span)
        texts = [literal(a) for a in node.args[1:3]]
        if any(k != "string" for k, _ in texts):
            self.error("terralib.asm expects the code and the constraints as strings", node.span)
        kind, volatile = literal(node.args[3])
        if kind != "boolean":
            self.error("terralib.asm expects a boolean volatile flag", node.span)
        operands = [self.promote_operand(self.rvalue(self.expr(a))) for a in node.args[4:]]
        code, constraints = (value.decode() for _, value in texts)
        parts = [c.strip() for c in constraints.split(",") if c.strip()]
        outputs = [c for c in parts if c.startswith("=")]
        inputs = [c for c in parts if not c.startswith(("=", "~"))]
        if len(inputs) != len(operands):
            self.error(f"terralib.asm: the constraints name {len(inputs)} inputs but "
                       f"{len(operands)} operands were given", node.span)
        if len(outputs) != (0 if result is types.UNIT else 1):
            self.error(f"terralib.asm: a result of type {result} needs "
                       f"{'no' if result is types.UNIT else 'one'} output constraint, "
                       f"not {len(outputs)}", node.span)
        return X.InlineAsm(code, constraints, volatile, operands, result, node.span)

    def promote_operand(self, value):
        if value.type is types.NIL:
            return self.convert(value, types.pointer(types.OPAQUE))
        return value

    def unpack_struct(self, node):
        """unpackstruct(s[, i, j]) / unpacktuple: fields i..j (1-based) as several
        values, which spread in the last position of an argument list."""
        if not 1 <= len(node.args) <= 3:
            self.error("unpackstruct expects a struct and an optional range", node.span)
        value = self.expr(node.args[0])
        struct = value.type
        if not isinstance(struct, types.Struct):
            return value                     # not a struct: the value itself, as from Lua
        self.compiler.complete(struct, node.span, self.diagnostics)
        bounds = []
        for bound in node.args[1:]:
            if not isinstance(bound, T.Number):
                self.error("unpackstruct's range must be numbers", bound.span)
            bounds.append(int(bound.value))
        first, last = (bounds + [1, len(struct.fields)][len(bounds):])[:2]
        temporary = T.Symbol("$unpack", struct)
        fields = [X.FieldRef(X.Local(temporary, node.span), f, i, node.span)
                  for i, f in enumerate(struct.fields) if first - 1 <= i < last]
        result = fields[0] if len(fields) == 1 else self.tuple_of(fields, node.span, X.Multiple)
        return X.Let([X.VarInit(temporary, self.rvalue(value), span=node.span)], result,
                     node.span)

    def attribute_table(self, node, span):
        """The `{align = 4, ordering = "seq_cst"}` literal these builtins take."""
        if not isinstance(node, T.Constructor):
            self.error("memory operation attributes must be a table literal", span)
        attributes = {}
        for f in node.fields:
            value = f.value
            if isinstance(value, T.LuaValue):
                value = T.String(value.value, span=span) if value.kind == "string" else \
                    T.Number(value.value, "int", span=span) if value.kind == "number" else \
                    T.Bool(value.value, span=span) if value.kind == "boolean" else value
            if f.key is None or not isinstance(value, (T.String, T.Number, T.Bool)):
                self.error("memory operation attributes must be named constants", span)
            attributes[f.key] = value.value.decode() if isinstance(value, T.String) else value.value
        return attributes

    def memory_operation(self, name, node):
        args = list(node.args)
        wanted = {"attrload": 2, "attrstore": 3, "fence": 1, "cmpxchg": 4, "atomicrmw": 4}[name]
        if len(args) != wanted:
            self.error(f"terralib.{name} expects {wanted} arguments", node.span)
        attributes = self.attribute_table(args.pop(), node.span)
        if name == "fence":
            return X.MemoryOp(name, [], attributes, types.UNIT, node.span)
        operation = None
        if name == "atomicrmw":
            first = args.pop(0)
            if not isinstance(first, (T.String, T.LuaValue)):
                self.error("atomicrmw expects the operation's name first", node.span)
            operation = first.value.decode() if isinstance(first.value, bytes) else first.value
            attributes["operation"] = operation
        pointer = self.rvalue(self.expr(args[0]))
        if not isinstance(pointer.type, types.Pointer):
            self.error(f"terralib.{name} expects a pointer but found {pointer.type}", node.span)
        element = pointer.type.type
        operands = [pointer] + [self.convert(self.rvalue(self.expr(a)), element) for a in args[1:]]
        result = {"attrload": element, "attrstore": types.UNIT, "atomicrmw": element,
                  "cmpxchg": types.tuple_of(element, BOOL)}[name]
        return X.MemoryOp(name, operands, attributes, result, node.span)

    def operator_call(self, node):
        """operator("+", a, b) or operator("__add", a, b): an operator by name."""
        if not node.args or not isinstance(node.args[0], (T.String, T.LuaValue)):
            self.error("operator expects the operator's name first", node.span)
        first = node.args[0]
        name = first.value.decode() if isinstance(first.value, bytes) else str(first.value)
        by_metamethod = {v: k for k, v in OPERATOR_METAMETHODS.items()}
        by_metamethod.update({"__unm": "-", "__not": "not"})
        op = by_metamethod.get(name, name)
        operands = node.args[1:]
        if len(operands) == 1 and op in ("-", "not", "@", "&"):
            return self.expr(T.UnaryOp(op, operands[0], span=node.span))
        if len(operands) == 2:
            return self.expr(T.BinaryOp(op, operands[0], operands[1], span=node.span))
        self.error(f"operator {name} does not apply to {len(operands)} operands", node.span)

    def elements(self, name, node):
        """vector(a, ...), vectorof(T, a, ...), array(a, ...), arrayof(T, a, ...)."""
        args = list(node.args)
        declared = None
        if name.endswith("of"):
            if not args or not (isinstance(args[0], T.LuaValue) and args[0].kind == "type"):
                self.error(f"{name} expects a type as its first argument", node.span)
            declared = args.pop(0).value
        values = [self.rvalue(self.expr(a)) for a in args]
        if not values and declared is None:
            self.error(f"{name} needs at least one value", node.span)
        lane = declared
        for value in values if lane is None else ():
            lane = value.type if lane is None else self.meet(lane, value.type, node.span)
            if lane is None:
                self.error(f"incompatible element types in {name}", node.span)
        if name.startswith("vector"):
            if not isinstance(lane, types.Primitive):
                self.error(f"vectors must be composed of primitive types (found: {lane})",
                           node.span)
            result = types.vector(lane, len(values))
        else:
            lane = self.storable(X.Const(None, lane, node.span), node.span) if lane is not None \
                else lane
            result = types.array(lane, len(values))
        return X.Elements(result, [self.convert(v, lane) for v in values], node.span)


def literal(node):
    """(kind, value) of a literal or Lua value argument: "type", "string",
    "boolean", "number"; (None, None) for code."""
    if isinstance(node, T.LuaValue) and node.kind in ("type", "string", "boolean", "number"):
        return node.kind, node.value
    if isinstance(node, T.String):
        return "string", node.value
    if isinstance(node, T.Bool):
        return "boolean", node.value
    if isinstance(node, T.Number):
        return "number", node.value
    return None, None
