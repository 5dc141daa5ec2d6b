"""The typed terra tree: what the type checker gives the code generator.

Every expression has a `type` (a terrapy type) and says whether it is an
lvalue; every conversion is an explicit `Cast`. Plain slotted classes: these
are made in bulk, never compared, never pickled.
"""
from __future__ import annotations


class Expr:
    __slots__ = ("type", "span", "lvalue")

    def __init__(self, type_, span, lvalue=False):
        self.type, self.span, self.lvalue = type_, span, lvalue


class Const(Expr):
    """A number, a bool, or a null pointer (value None)."""
    __slots__ = ("value",)

    def __init__(self, value, type_, span):
        super().__init__(type_, span)
        self.value = value


class StringLit(Expr):
    __slots__ = ("value",)

    def __init__(self, value: bytes, type_, span):
        super().__init__(type_, span)
        self.value = value


class Local(Expr):
    __slots__ = ("symbol",)

    def __init__(self, symbol, span):
        super().__init__(symbol.type, span, lvalue=True)
        self.symbol = symbol


class GlobalRef(Expr):
    __slots__ = ("variable",)

    def __init__(self, variable, span, lvalue=True):
        super().__init__(variable.type, span, lvalue=lvalue)     # a constant's is not
        self.variable = variable


class FuncRef(Expr):
    """A terra function used as a value: its type is the function type itself."""
    __slots__ = ("function",)

    def __init__(self, function, span):
        super().__init__(function.type, span)
        self.function = function


class Deref(Expr):
    __slots__ = ("pointer",)

    def __init__(self, pointer, span):
        super().__init__(pointer.type.type, span, lvalue=True)
        self.pointer = pointer


class AddressOf(Expr):
    __slots__ = ("operand",)

    def __init__(self, operand, type_, span):
        super().__init__(type_, span)
        self.operand = operand


class FieldRef(Expr):
    """A member of a struct value (an lvalue if the struct is one)."""
    __slots__ = ("value", "field", "index")

    def __init__(self, value, field, index, span):
        super().__init__(field.type, span, lvalue=value.lvalue)
        self.value, self.field, self.index = value, field, index


class ArrayIndex(Expr):
    __slots__ = ("array", "index")

    def __init__(self, array, index, span):
        super().__init__(array.type.type, span, lvalue=array.lvalue)
        self.array, self.index = array, index


class PointerOffset(Expr):
    """`p + i` / `p - i`, scaled by the pointee size."""
    __slots__ = ("pointer", "offset", "negate")

    def __init__(self, pointer, offset, negate, span):
        super().__init__(pointer.type, span)
        self.pointer, self.offset, self.negate = pointer, offset, negate


class PointerDifference(Expr):
    __slots__ = ("lhs", "rhs")

    def __init__(self, lhs, rhs, type_, span):
        super().__init__(type_, span)
        self.lhs, self.rhs = lhs, rhs


class Binary(Expr):
    """Arithmetic, comparison, bitwise or (for bool `and`/`or`) short-circuit logic.
    `operand_type` is the type both sides were converted to."""
    __slots__ = ("op", "lhs", "rhs", "operand_type")

    def __init__(self, op, lhs, rhs, type_, span):
        super().__init__(type_, span)
        self.op, self.lhs, self.rhs, self.operand_type = op, lhs, rhs, lhs.type


class Unary(Expr):
    __slots__ = ("op", "operand")

    def __init__(self, op, operand, type_, span):
        super().__init__(type_, span)
        self.op, self.operand = op, operand


class Cast(Expr):
    """kind: numeric, bool_to_number, number_to_bool, pointer, int_to_pointer,
    pointer_to_int, array_to_pointer, function_to_pointer, broadcast."""
    __slots__ = ("operand", "kind")

    def __init__(self, operand, type_, kind, span):
        super().__init__(type_, span)
        self.operand, self.kind = operand, kind


class Construct(Expr):
    """A struct/tuple value from one expression per field (in field order)."""
    __slots__ = ("values",)

    def __init__(self, type_, values, span):
        super().__init__(type_, span)
        self.values = values


class Multiple(Construct):
    """Several values as one tuple (a macro's list, `quote ... in a, b end`):
    in the last position of an argument or expression list they expand."""
    __slots__ = ()


class Elements(Expr):
    """An array or vector value built from one expression per element."""
    __slots__ = ("values",)

    def __init__(self, type_, values, span):
        super().__init__(type_, span)
        self.values = values


class Call(Expr):
    """A call of a terra function (callee FuncRef), or through a function pointer.
    `fixed` params are converted; `extra` varargs are already promoted."""
    __slots__ = ("callee", "args", "function_type")

    def __init__(self, callee, args, function_type, span):
        super().__init__(function_type.returntype, span)
        self.callee, self.args, self.function_type = callee, args, function_type


class SelectValue(Expr):
    """terralib.select(c, a, b): both sides evaluated."""
    __slots__ = ("condition", "lhs", "rhs")

    def __init__(self, condition, lhs, rhs, span):
        super().__init__(lhs.type, span)
        self.condition, self.lhs, self.rhs = condition, lhs, rhs


class MemoryOp(Expr):
    """attrload / attrstore / fence / cmpxchg / atomicrmw: `kind`, operands and the
    attribute table (align, nontemporal, ordering, ...) as Python values."""
    __slots__ = ("kind", "operands", "attributes")

    def __init__(self, kind, operands, attributes, type_, span):
        super().__init__(type_, span)
        self.kind, self.operands, self.attributes = kind, operands, attributes


class InlineAsm(Expr):
    """terralib.asm(type, code, constraints, volatile, operands...)."""
    __slots__ = ("code", "constraints", "volatile", "operands")

    def __init__(self, code, constraints, volatile, operands, type_, span):
        super().__init__(type_, span)
        self.code, self.constraints, self.volatile = code, constraints, volatile
        self.operands = operands


class Let(Expr):
    """Statements run first, then the value (multiple-value expansion temporaries)."""
    __slots__ = ("statements", "value")

    def __init__(self, statements, value, span):
        super().__init__(value.type, span, lvalue=value.lvalue)
        self.statements, self.value = statements, value


# ------------------------------------------------------------------ statements

class Stmt:
    __slots__ = ("span",)


def _statement(name, fields):
    def __init__(self, *values, span=None):
        for field_name, value in zip(fields, values):
            setattr(self, field_name, value)
        self.span = span
    return type(name, (Stmt,), {"__slots__": fields, "__init__": __init__})


VarInit = _statement("VarInit", ("symbol", "value"))            # value may be None
Assign = _statement("Assign", ("targets", "values"))
ExprStmt = _statement("ExprStmt", ("expr",))
If = _statement("If", ("branches", "orelse"))
While = _statement("While", ("condition", "body"))
Repeat = _statement("Repeat", ("body", "condition"))
ForNum = _statement("ForNum", ("symbol", "start", "stop", "step", "body"))
Break = _statement("Break", ())
Goto = _statement("Goto", ("label",))
Label = _statement("Label", ("label",))
Return = _statement("Return", ("value",))                        # value may be None
Defer = _statement("Defer", ("call",))
Block = _statement("Block", ("statements",))
Switch = _statement("Switch", ("value", "cases", "orelse"))      # cases: [(int, Block)]


class FunctionCode:
    """A type-checked function: parameters, body and its type."""
    __slots__ = ("function", "params", "body", "type")

    def __init__(self, function, params, body, type_):
        self.function, self.params, self.body, self.type = function, params, body, type_
