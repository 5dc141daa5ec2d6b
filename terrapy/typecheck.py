"""Type checking: specialized tree -> typed tree (typed.py).

Implements Terra's typing rules (LANGUAGE.md §3-§5): the "wider type wins"
meet, integer `and`/`or`/`not` as bitwise operations, `^` as xor, pointer
arithmetic, implicit and explicit conversions, struct/tuple constructors,
multiple return values as tuples expanded in the last position, and return
type inference. Errors are collected (Diagnostics); an expression that failed
raises Poison so that its users do not report it again.
"""
from __future__ import annotations

import itertools

from dataclasses import replace

from . import trees as T
from . import typed as X
from . import types
from .errors import Diagnostics, Poison
from .typerules import (ARITHMETIC, BOOL, COMPARISON, DOUBLE, FLOAT, INT, INT64,
                        OPERATOR_METAMETHODS, RAWSTRING, element, is_bool, is_integral,
                        is_numeric, is_vector, numeric_meet)
from .typecheck_builtins import BuiltinChecks
from .typecheck_meta import MetaChecks


class FunctionChecker(MetaChecks, BuiltinChecks):
    """Type-checks one function's specialized body."""

    def __init__(self, compiler, function, diagnostics: Diagnostics):
        self.compiler = compiler          # gives types of other functions, completes structs
        self.function = function
        self.diagnostics = diagnostics
        self.returns: list[X.Return] = []
        self.loop_depth = 0
        self.labels: dict[str, list] = {}     # label -> the open blocks where it stands
        self.gotos: list = []                 # (goto, the open blocks where it stands)
        self.open_blocks: list[list] = []     # [block id, defers so far] per open block
        self._block_ids = itertools.count()
        self.in_scope: list[set[int]] = [set()]   # symbols declared, per open block
        self.declared_return = function.type.returntype if function.type is not None else None

    def error(self, message, span):
        self.diagnostics.error(message, span)
        raise Poison()

    # ------------------------------------------------------------ function
    def check(self, params, body: T.Block) -> X.FunctionCode:
        self.in_scope[0].update(p.id for p in params)
        for symbol in params:            # by-value parameters need their layout
            self.complete_value_type(symbol.type, body.span)
        if self.declared_return is not None:
            self.complete_value_type(self.declared_return, body.span)
        block = self.block(body)
        self.check_gotos()
        returntype = self.declared_return
        if returntype is None:
            returntype = self.infer_return_type()
        for statement in self.returns:
            statement.value = self.return_value(statement, returntype)
        param_types = [p.type for p in params]
        varargs = self.function.definition.varargs if self.function.definition else False
        function_type = types.function(param_types, returntype, varargs)
        return X.FunctionCode(self.function, params, block, function_type)

    def infer_return_type(self):
        kinds = [s.value.type for s in self.returns if s.value is not None]
        if not kinds:
            return types.UNIT
        result = kinds[0]
        for other in kinds[1:]:
            result = self.meet(result, other, self.returns[0].span) or result
        return result

    def return_value(self, statement, returntype):
        value = statement.value
        if value is None:
            if returntype is not types.UNIT:
                self.diagnostics.error(f"returning no values from a function that returns "
                                       f"{returntype}", statement.span)
            return None
        if returntype is types.UNIT:
            self.diagnostics.error("returning a value from a function that returns no values",
                                   statement.span)
            return None
        try:
            return self.convert(value, returntype)
        except Poison:
            return value

    # ---------------------------------------------------------- statements
    def block(self, block: T.Block, declared=(), then=None, scoped=True):
        """A block in its own scope (unless not `scoped`: a spliced quote's
        statements declare into the enclosing block, as a statement splice does);
        `then()` runs inside that scope too (the results of `quote ... in e end`,
        the condition of `repeat ... until c`)."""
        if scoped:
            self.in_scope.append(set(declared))
            self.open_blocks.append([next(self._block_ids), 0])   # (id, defers so far)
        statements = []
        try:
            for statement in block.statements:
                try:
                    statements.extend(self.statement(statement))
                except Poison:
                    pass
            after = then() if then is not None else None
        finally:
            if scoped:
                self.in_scope.pop()
                self.open_blocks.pop()
        checked = X.Block(statements, span=block.span)
        return checked if then is None else (checked, after)

    def statement(self, node) -> list:
        handler = getattr(self, "stat_" + type(node).__name__)
        return handler(node)

    def stat_Block(self, node):
        return [self.block(node)]

    def stat_DoBlock(self, node):
        return [self.block(node.body)]

    def complete_value_type(self, t, span):
        try:
            self.compiler.complete(t, span, self.diagnostics)
        except Poison:
            pass

    def stat_VarDecl(self, node):
        symbols = [v.name for v in node.names]
        self.in_scope[-1].update(s.id for s in symbols)
        # a declaration's type, else a typed symbol's (`var [s]` with s = symbol(T))
        declared = [v.type if v.type is not None else v.name.declared for v in node.names]
        for var, t in zip(node.names, declared):
            if t is not None:
                var.name.type = t
                self.compiler.complete(t, var.span, self.diagnostics)
        if node.values is None:
            for var, t in zip(node.names, declared):
                if t is None:
                    self.error(f"type of variable '{var.name.name}' could not be inferred: "
                               "it needs a type or an initializer", var.span)
            return [X.VarInit(s, None, span=node.span) for s in symbols]
        values, setup = self.expression_list(node.values, len(symbols), node.span)
        out = list(setup)
        for var, symbol, value, t in zip(node.names, symbols, values, declared):
            if t is not None:
                value = self.convert(value, t)
            else:
                symbol.type = self.storable(value, var.span)
                value = self.convert(value, symbol.type)
            out.append(X.VarInit(symbol, value, span=node.span))
        return out

    def storable(self, value, span):
        """The type a variable initialized from `value` gets."""
        t = value.type
        if t is types.NIL:
            self.error("cannot infer the type of a variable from nil", span)
        if isinstance(t, types.Function):
            return types.pointer(t)
        return t

    def stat_Assign(self, node):
        if len(node.targets) == 1 and len(node.values) == 1:
            special = self.assignment_metamethod(node.targets[0], node.values[0], node.span)
            if special is not None:
                return [X.ExprStmt(special, span=node.span)]
        targets = [self.expr(t) for t in node.targets]
        for target in targets:
            if not target.lvalue:
                self.error("argument to assignment is not an lvalue", target.span)
        values, setup = self.expression_list(node.values, len(targets), node.span)
        converted = [self.convert(v, t.type) for v, t in zip(values, targets)]
        return list(setup) + [X.Assign(targets, converted, span=node.span)]

    def stat_ExprStatement(self, node):
        return [X.ExprStmt(self.expr(node.expr), span=node.span)]

    def stat_If(self, node):
        branches = [(self.condition(c), self.block(b)) for c, b in node.branches]
        orelse = self.block(node.orelse) if node.orelse is not None else None
        return [X.If(branches, orelse, span=node.span)]

    def stat_While(self, node):
        condition = self.condition(node.condition)
        return [X.While(condition, self.loop_body(node.body), span=node.span)]

    def stat_Repeat(self, node):
        # the condition sees the body's locals: it is checked inside the body's scope
        self.loop_depth += 1
        try:
            body, condition = self.block(node.body, then=lambda: self.condition(node.condition))
        finally:
            self.loop_depth -= 1
        return [X.Repeat(body, condition, span=node.span)]

    def loop_body(self, block, declared=()):
        self.loop_depth += 1
        try:
            return self.block(block, declared)
        finally:
            self.loop_depth -= 1

    def stat_ForNum(self, node):
        bounds = [self.expr(e) for e in (node.start, node.stop) + ((node.step,) if node.step else ())]
        for bound in bounds:
            if not is_numeric(bound.type):
                self.error(f"expected a number in a for loop bound but found {bound.type}",
                           bound.span)
        symbol = node.var.name
        if node.var.type is not None:
            symbol.type = node.var.type
        else:
            loop_type = bounds[0].type
            for bound in bounds[1:]:
                loop_type = numeric_meet(loop_type, bound.type)
            symbol.type = loop_type
        start, stop = (self.convert(b, symbol.type) for b in bounds[:2])
        step = self.convert(bounds[2], symbol.type) if len(bounds) > 2 else None
        return [X.ForNum(symbol, start, stop, step, self.loop_body(node.body, (symbol.id,)),
                         span=node.span)]

    def stat_Break(self, node):
        if self.loop_depth == 0:
            self.error("break found outside a loop", node.span)
        return [X.Break(span=node.span)]

    def stat_Goto(self, node):
        self.gotos.append((node, [tuple(b) for b in self.open_blocks]))
        return [X.Goto(node.label, span=node.span)]

    def stat_Label(self, node):
        if node.label in self.labels:
            self.error(f"label '{label_shown(node.label)}' defined twice in one function",
                       node.span)
        self.labels[node.label] = [tuple(b) for b in self.open_blocks]
        return [X.Label(node.label, span=node.span)]

    def check_gotos(self):
        """Lua's and Terra's rules: a goto sees labels of its own and enclosing
        blocks only, and may not jump over a defer into that defer's scope."""
        for goto, at_goto in self.gotos:
            shown = label_shown(goto.label)
            at_label = self.labels.get(goto.label)
            if at_label is None:
                self.error(f"goto to undefined label '{shown}'", goto.span)
                continue
            blocks = [b[0] for b in at_label]
            if blocks != [b[0] for b in at_goto[:len(at_label)]]:
                self.error(f"goto jumps into a block (label '{shown}' is not visible here)",
                           goto.span)
            elif any(label_block[1] > goto_block[1]
                     for label_block, goto_block in zip(at_label, at_goto)):
                self.error("goto jumps into the scope of a defer", goto.span)

    def stat_Return(self, node):
        if not node.values:
            statement = X.Return(None, span=node.span)
        elif len(node.values) == 1:
            statement = X.Return(self.expr(node.values[0]), span=node.span)
        else:
            values, setup = self.expression_list(node.values, None, node.span)
            value = self.tuple_of(values, node.span)
            if setup:
                value = X.Let(setup, value, node.span)
            statement = X.Return(value, span=node.span)
        self.returns.append(statement)
        return [statement]

    def stat_Defer(self, node):
        call = self.expr(node.call)
        if not isinstance(call, X.Call):
            self.error("defer expects a call", node.span)
        if self.open_blocks:
            self.open_blocks[-1][1] += 1
        return [X.Defer(call, span=node.span)]

    def stat_Switch(self, node):
        value = self.expr(node.value)
        if not is_integral(value.type):
            self.error(f"switch expects an integer but found {value.type}", value.span)
        cases = []
        for case in node.cases:
            constant = self.expr(case.value)
            if not isinstance(constant, X.Const) or not is_integral(constant.type):
                self.error("case values must be integer constants", case.span)
            cases.append((int(constant.value), self.block(case.body)))
        orelse = self.block(node.orelse) if node.orelse is not None else None
        return [X.Switch(value, cases, orelse, span=node.span)]

    # --------------------------------------------- expression lists/tuples
    def expression_list(self, nodes, wanted: int | None, span):
        """Values for `wanted` slots: a tuple-valued call in the last position
        expands into its elements (through a temporary)."""
        values = [self.expr(n) for n in nodes]
        setup = []
        if values and self.expands(values[-1], wanted is None or wanted > len(values)):
            setup, spread = self.spread(values.pop(), span)
            values += spread
        if wanted is not None and len(values) != wanted:
            self.error(f"expected {wanted} values but found {len(values)}", span)
        return values, setup

    def is_tuple(self, t):
        return isinstance(t, types.Struct) and t.tuple_types is not None and t is not types.UNIT

    def tuple_of(self, values, span, node_class=X.Construct):
        tuple_type = types.tuple_of(*(self.storable(v, span) for v in values))
        return node_class(tuple_type, [self.convert(v, t) for v, t in
                                       zip(values, tuple_type.tuple_types)], span)

    def expands(self, value, room: bool, vararg: bool = False) -> bool:
        """Whether a last value spreads over the remaining slots when there is
        room for more: several values made so (X.Multiple, also into a C
        function's varargs), or a call returning a tuple."""
        if isinstance(value, X.Let):
            value = value.value
        if isinstance(value, X.Multiple):
            return room or vararg
        return room and isinstance(value, X.Call) and self.is_tuple(value.type)

    def spread(self, last, span):
        """(setup, values): a tuple value's elements, through a temporary."""
        temporary = T.Symbol("$multiple", last.type)
        setup = [X.VarInit(temporary, last, span=span)]
        return setup, [X.FieldRef(X.Local(temporary, span), f, i, span)
                       for i, f in enumerate(last.type.fields)]

    def condition(self, node):
        value = self.expr(node)
        if not is_bool(value.type):
            self.error(f"expected a boolean condition but found {value.type}", value.span)
        return value

    # --------------------------------------------------------- expressions
    def expr(self, node):
        handler = getattr(self, "exp_" + type(node).__name__)
        return handler(node)

    def exp_Typed(self, node):
        return node.expr

    def exp_SplicedQuote(self, node):
        """A quote's statements, then its result(s) (several results are a tuple).
        The statements run in the enclosing block, not a block of their own: a
        `defer` in `quote ... in e end` runs when the enclosing block ends (as
        std's salloc needs); the quote's names are its own symbols anyway."""
        if not node.results:
            body = self.block(node.body, scoped=False)
            return X.Let(body.statements, X.Construct(types.UNIT, [], node.span), node.span)
        body, values = self.block(node.body, then=lambda: [self.rvalue(self.expr(r))
                                                           for r in node.results], scoped=False)
        value = values[0] if len(values) == 1 else self.tuple_of(values, node.span, X.Multiple)
        return X.Let(body.statements, value, node.span)

    def exp_Number(self, node):
        return X.Const(node.value, types.primitive(node.type), node.span)

    def exp_String(self, node):
        return X.StringLit(node.value, RAWSTRING, node.span)

    def exp_Bool(self, node):
        return X.Const(node.value, BOOL, node.span)

    def exp_Nil(self, node):
        return X.Const(None, types.NIL, node.span)

    def exp_LocalRef(self, node):
        symbol = node.symbol
        if not any(symbol.id in scope for scope in self.in_scope):
            self.error(f"symbol {symbol.name} is used outside of the scope that declares it",
                       node.span)
        if symbol.type is None:
            raise Poison()      # its declaration failed, and said so
        return X.Local(symbol, node.span)

    def exp_LuaValue(self, node):
        kind, value = node.kind, node.value
        if kind == "number":
            if float(value).is_integer() and -2**31 <= value < 2**31:
                return X.Const(int(value), INT, node.span)
            return X.Const(float(value), DOUBLE, node.span)
        if kind == "boolean":
            return X.Const(bool(value), BOOL, node.span)
        if kind == "string":
            return X.StringLit(value, RAWSTRING, node.span)
        if kind == "function":
            return X.FuncRef(value, node.span) if self.function_type(value, node.span) else None
        if kind == "global":
            return X.GlobalRef(value, node.span)
        if kind == "constant":
            constant, constant_type, storage = value
            if storage is not None:
                # an aggregate or pointer constant: read in place, never assigned
                return X.GlobalRef(storage, node.span, lvalue=False)
            return X.Const(constant, constant_type, node.span)
        if kind == "cdataptr":
            t, address, _cdata = value
            return X.Cast(X.Const(address, types.primitive("uint64"), node.span), t,
                          "int_to_pointer", node.span)
        if kind == "cdataref":
            t, address, cdata = value
            self.compiler.keep_alive(cdata)
            pointer = X.Cast(X.Const(address, types.primitive("uint64"), node.span),
                             types.pointer(t), "int_to_pointer", node.span)
            return X.Deref(pointer, node.span)
        if kind == "type":
            self.error(f"a type ({value}) cannot be used as a value", node.span)
        if kind == "symbol":
            return self.exp_LocalRef(T.LocalRef(value, span=node.span))
        self.error(f"a Lua {kind} cannot be used as a terra value", node.span)

    def function_type(self, function, span):
        """The type of a referenced function, checking it first if need be."""
        found = self.compiler.function_type(function, span, self.diagnostics)
        if found is None:
            raise Poison()
        return found

    def exp_UnaryOp(self, node):
        op = node.op
        if op == "&":
            operand = self.expr(node.operand)
            if not operand.lvalue:
                self.error("argument to unary & must be an lvalue", node.span)
            return X.AddressOf(operand, types.pointer(operand.type), node.span)
        operand = self.rvalue(self.expr(node.operand))
        t = operand.type
        if op in ("-", "not") and isinstance(t, types.Struct):
            name = "__unm" if op == "-" else "__not"
            method = self.metamethod(t, name, node.span)
            if method is None:
                self.error(f"no metamethod {name} for {op} {t}", node.span)
            return self.apply(method, (node.operand,), node.span, [operand])
        if op == "@":
            if not isinstance(t, types.Pointer):
                self.error(f"argument of dereference is not a pointer type but {t}", node.span)
            self.compiler.complete(t.type, node.span, self.diagnostics)
            return X.Deref(operand, node.span)
        if op == "-":
            if not is_numeric(element(t)):
                self.error(f"unary minus expects a number but found {t}", node.span)
            return X.Unary("-", operand, t, node.span)
        if op == "not":
            if not (is_bool(element(t)) or is_integral(element(t))):
                self.error(f"not expects a boolean or an integer but found {t}", node.span)
            return X.Unary("not", operand, t, node.span)
        self.error(f"operator {op} not supported", node.span)

    def exp_BinaryOp(self, node):
        op = node.op
        if op == "..":
            self.error("operator .. not supported in terra code", node.span)
        lhs = self.rvalue(self.expr(node.lhs))
        rhs = self.rvalue(self.expr(node.rhs))
        name = OPERATOR_METAMETHODS.get(op)
        if name and (isinstance(lhs.type, types.Struct) or isinstance(rhs.type, types.Struct)):
            method = self.metamethod(lhs.type, name, node.span) or \
                self.metamethod(rhs.type, name, node.span)
            if method is None:
                self.error(f"no metamethod {name} for {lhs.type} {op} {rhs.type}", node.span)
            return self.apply(method, (node.lhs, node.rhs), node.span, [lhs, rhs])
        lt, rt = lhs.type, rhs.type
        if isinstance(lt, types.Pointer) or isinstance(rt, types.Pointer) \
                or lt is types.NIL or rt is types.NIL:
            return self.pointer_operator(op, lhs, rhs, node.span)
        if is_vector(lt) or is_vector(rt):
            return self.vector_operator(op, lhs, rhs, node.span)
        if op in ("and", "or") and is_bool(lt) and is_bool(rt):
            if has_defer(rhs):
                # the right side may not run, and its defer would still be due
                self.error("defer statements are not allowed in conditional expressions",
                           node.rhs.span)
            return X.Binary(op, lhs, rhs, BOOL, node.span)
        operand_type = self.meet(lt, rt, node.span)
        if operand_type is None:
            self.error(f"incompatible types {lt} and {rt} for operator {op}", node.span)
        if op in ("and", "or", "^", "<<", ">>") and not (is_integral(operand_type) or
                                                        is_bool(operand_type)):
            self.error(f"operator {op} expects integers or booleans but found {operand_type}",
                       node.span)
        if op in ARITHMETIC and not is_numeric(operand_type):
            self.error(f"arithmetic operator {op} expects numbers but found {operand_type}",
                       node.span)
        if op in ("<", "<=", ">", ">=") and is_bool(operand_type):
            self.error(f"operator {op} is not defined for bool", node.span)
        lhs, rhs = self.convert(lhs, operand_type), self.convert(rhs, operand_type)
        result = BOOL if op in COMPARISON else operand_type
        return X.Binary(op, lhs, rhs, result, node.span)

    def vector_operator(self, op, lhs, rhs, span):
        """Element-wise; a scalar operand is broadcast. Comparisons give bool vectors."""
        common = self.meet(lhs.type, rhs.type, span)
        if common is None:
            self.error(f"incompatible types {lhs.type} and {rhs.type} for operator {op}", span)
        lanes = element(common)
        if op in ARITHMETIC and not is_numeric(lanes):
            self.error(f"arithmetic operator {op} expects numbers but found {common}", span)
        if op in ("and", "or", "^", "<<", ">>") and not (is_integral(lanes) or is_bool(lanes)):
            self.error(f"operator {op} expects integers or booleans but found {common}", span)
        lhs, rhs = self.convert(lhs, common), self.convert(rhs, common)
        result = types.vector(BOOL, common.N) if op in COMPARISON else common
        return X.Binary(op, lhs, rhs, result, span)

    def pointer_operator(self, op, lhs, rhs, span):
        lt, rt = lhs.type, rhs.type
        if op in COMPARISON:
            common = self.meet(lt, rt, span)
            if common is None:
                self.error(f"incompatible types {lt} and {rt} for comparison", span)
            return X.Binary(op, self.convert(lhs, common), self.convert(rhs, common), BOOL, span)
        if op == "+" and isinstance(rt, types.Pointer) and is_integral(lt):
            lhs, rhs = rhs, lhs
            lt, rt = rt, lt
        if op in ("+", "-") and isinstance(lt, types.Pointer) and is_integral(rt):
            self.sized_pointee(lt, span)
            return X.PointerOffset(lhs, rhs, op == "-", span)
        if op == "-" and isinstance(lt, types.Pointer) and isinstance(rt, types.Pointer):
            if lt is not rt:
                self.error(f"cannot subtract pointers of types {lt} and {rt}", span)
            self.sized_pointee(lt, span)
            return X.PointerDifference(lhs, rhs, INT64, span)
        self.error(f"operator {op} not supported for types {lt} and {rt}", span)

    def sized_pointee(self, pointer_type, span):
        pointee = pointer_type.type
        if pointee is types.OPAQUE:
            self.error("attempting to use an opaque type where the layout of the type is needed",
                       span)
        self.compiler.complete(pointee, span, self.diagnostics)

    def meet(self, a, b, span):
        if a is b:
            return a
        if is_vector(a) or is_vector(b):
            if is_vector(a) and is_vector(b) and a.N != b.N:
                return None
            n = a.N if is_vector(a) else b.N
            lanes = self.meet(element(a), element(b), span)
            return types.vector(lanes, n) if isinstance(lanes, types.Primitive) else None
        if is_numeric(a) and is_numeric(b):
            return numeric_meet(a, b)
        if isinstance(a, types.Pointer) and b is types.NIL:
            return a
        if isinstance(b, types.Pointer) and a is types.NIL:
            return b
        if isinstance(a, types.Pointer) and isinstance(b, types.Pointer):
            if a.type is types.OPAQUE or b.type is types.OPAQUE:
                return a if a.type is types.OPAQUE else b
        return None

    def lua_selected(self, node):
        """A select through a Lua table or a struct type that specialization left
        for now (the name was not there yet): its value now, as specialized code."""
        from .specialize import Specializer, lua_select
        if not isinstance(node, T.Select):
            return node
        value = self.lua_selected(node.value)
        found = lua_select(self.compiler.resolver, value, node)
        if found is NotImplemented:
            return node if value is node.value else replace(node, value=value)
        if found is None:
            where = "lua object" if value.kind == "table" else f"type {value.value}"
            self.error(f"no field {node.field} in {where}", node.span)
        if found.kind in ("symbol", "quote"):
            specializer = Specializer(self.compiler.resolver, None, self.diagnostics)
            return specializer.terra_value(found, node)
        return found

    def exp_Select(self, node):
        resolved = self.lua_selected(node)
        if resolved is not node:
            return self.expr(resolved)
        value = self.rvalue(self.expr(node.value))
        struct_value = value
        if isinstance(value.type, types.Pointer) and isinstance(value.type.type, types.Struct):
            struct_value = X.Deref(value, node.span)
        struct = struct_value.type
        if not isinstance(struct, types.Struct):
            self.error(f"expected a struct but found {struct} when accessing field "
                       f"'{node.field}'", node.span)
        self.compiler.complete(struct, node.span, self.diagnostics)
        for index, f in enumerate(struct.fields):
            if f.name == node.field:
                return X.FieldRef(struct_value, f, index, node.span)
        missing = self.metamethod(struct, "__entrymissing", node.span)
        if missing is not None and missing.kind == "macro":
            return self.invoke_macro(missing.value, (node.value,), node.span,
                                     leading=(node.field.encode(),))
        self.error(f"no field {node.field} in terra object of type {struct}", node.span)

    def exp_Index(self, node):
        value = self.expr(node.value)
        index = self.rvalue(self.expr(node.index))
        if not is_integral(index.type):
            self.error(f"expected an integer index but found {index.type}", index.span)
        t = value.type
        if isinstance(t, (types.Array, types.Vector)):
            return X.ArrayIndex(value, index, node.span)
        value = self.rvalue(value)
        if isinstance(value.type, types.Pointer):
            self.sized_pointee(value.type, node.span)
            return X.Deref(X.PointerOffset(value, index, False, node.span), node.span)
        self.error(f"expected an array or pointer to index but found {t}", node.span)

    def exp_Constructor(self, node):
        values, names = [], []
        for f in node.fields:
            values.append(self.rvalue(self.expr(f.value)))
            names.append(f.key)
        if all(n is None for n in names):
            return self.tuple_of(values, node.span)
        if any(n is None for n in names):
            self.error("a constructor mixes positional and named fields", node.span)
        struct = types.Struct(None)
        struct.anonymous_named = True
        struct.complete([(n, self.storable(v, node.span)) for n, v in zip(names, values)])
        return X.Construct(struct, [self.convert(v, f.type) for v, f in zip(values, struct.fields)],
                           node.span)

    # -------------------------------------------------------------- macros
    def exp_Call(self, node):
        callee = self.macro_callee(self.lua_selected(node.callee))
        if callee is not node.callee:
            node = replace(node, callee=callee)
        if isinstance(callee, T.LuaValue) and callee.kind == "type":
            return self.cast_call(callee.value, node)
        if isinstance(callee, T.LuaValue) and callee.kind == "builtin":
            return self.builtin(callee.value, node)
        if isinstance(callee, T.LuaValue) and callee.kind == "macro":
            return self.invoke_macro(callee.value, node.args, node.span)
        if isinstance(callee, T.LuaValue) and callee.kind == "luafunction":
            return self.lua_function_call(callee, [self.rvalue(self.expr(a)) for a in node.args],
                                          node.span)
        if isinstance(callee, T.LuaValue) and callee.kind == "overloaded":
            return self.overloaded_call(callee, [self.expr(a) for a in node.args], node.span)
        function = self.expr(callee)
        if isinstance(function.type, types.Struct):
            apply = self.metamethod(function.type, "__apply", node.span)
            if apply is not None and apply.kind == "macro":
                return self.apply(apply, (callee,) + tuple(node.args), node.span)
            if apply is not None:
                target = self.expr(apply)
                receiver = self.adjust_receiver(target, function, "__apply", node.span)
                return self.call(target, [receiver] + [self.expr(a) for a in node.args],
                                 node.span)
        return self.call(function, [self.expr(a) for a in node.args], node.span)

    def exp_MethodCall(self, node):
        receiver = self.expr(node.receiver)
        t = receiver.type
        struct = t.type if isinstance(t, types.Pointer) else t
        if not isinstance(struct, types.Struct):
            self.error(f"expected a struct but found {t} when calling method '{node.name}'",
                       node.span)
        method = self.compiler.method(struct, node.name, node.span)
        if method is None:
            missing = self.metamethod(struct, "__methodmissing", node.span)
            if missing is not None and missing.kind == "macro":
                return self.invoke_macro(missing.value, (node.receiver,) + tuple(node.args),
                                         node.span, leading=(node.name.encode(),))
            self.error(f"no method '{node.name}' in type {struct}", node.span)
        if method.kind == "macro":
            return self.invoke_macro(method.value, (node.receiver,) + tuple(node.args), node.span)
        args = [self.expr(a) for a in node.args]
        if method.kind == "overloaded":
            return self.overloaded_call(method, args, node.span, receiver=(receiver, node.name))
        if method.kind == "luafunction":     # the receiver goes as a pointer (§8)
            receiver = self.adjust_receiver_to(True, receiver, node.name, node.span)
            return self.lua_function_call(method, [receiver] + [self.rvalue(a) for a in args],
                                          node.span)
        function = self.expr(method)
        receiver = self.adjust_receiver(function, receiver, node.name, node.span)
        return self.call(function, [receiver] + args, node.span)

    def adjust_receiver(self, function, receiver, name, span):
        """`obj:m()` passes &obj when m takes a pointer, @obj when it takes a value."""
        params = function.type.parameters if isinstance(function.type, types.Function) else ()
        wants_pointer = bool(params) and isinstance(params[0], types.Pointer)
        return self.adjust_receiver_to(wants_pointer, receiver, name, span)

    def adjust_receiver_to(self, wants_pointer, receiver, name, span):
        t = receiver.type
        if wants_pointer and not isinstance(t, types.Pointer):
            if not receiver.lvalue:
                # a value (`(a + b):length()`) is put in a temporary to take its address
                temporary = T.Symbol("$receiver", t)
                return X.Let([X.VarInit(temporary, receiver, span=span)],
                             X.AddressOf(X.Local(temporary, span), types.pointer(t), span), span)
            return X.AddressOf(receiver, types.pointer(t), span)
        if not wants_pointer and isinstance(t, types.Pointer):
            return X.Deref(receiver, span)
        return receiver

    def call(self, function, args, span):
        t = function.type
        if isinstance(t, types.Pointer) and isinstance(t.type, types.Function):
            t = t.type
        if not isinstance(t, types.Function):
            self.error(f"expected a function but found {t}", span)
        if args and self.expands(args[-1], len(args) < len(t.parameters), t.isvararg):
            setup, spread = self.spread(args.pop(), span)
            return X.Let(setup, self.call(function, args + spread, span), span)
        fixed = len(t.parameters)
        if len(args) < fixed or (len(args) > fixed and not t.isvararg):
            self.error(f"expected {fixed} arguments but found {len(args)}", span)
        converted = [self.convert(a, p) for a, p in zip(args, t.parameters)]
        converted += [self.promote(a) for a in args[fixed:]]
        return X.Call(function, converted, t, span)

    def promote(self, value):
        """C's default argument promotions for varargs; an array goes as a pointer
        to its first element, as in C."""
        if isinstance(value.type, types.Array):
            return self.convert(value, types.pointer(value.type.type))
        value = self.rvalue(value)
        t = value.type
        if t is FLOAT:
            return X.Cast(value, DOUBLE, "numeric", value.span)
        if isinstance(t, types.Primitive) and (t.logical or (t.integral and t.bytes < 4)):
            return X.Cast(value, INT, "bool_to_number" if t.logical else "numeric", value.span)
        if t is types.NIL:
            return X.Cast(value, types.pointer(types.OPAQUE), "pointer", value.span)
        return value

    def cast_call(self, target, node):
        if len(node.args) != 1:
            self.error("a cast takes exactly one value", node.span)
        return self.explicit_cast(self.expr(node.args[0]), target, node.span)

    def rvalue(self, value):
        """A function used as a value is a function pointer."""
        if isinstance(value, X.FuncRef):
            return X.Cast(value, types.pointer(value.type), "function_to_pointer", value.span)
        return value

    def convert(self, value, to, explicit=False):
        """Implicit conversion of `value` to type `to` (Terra's rules, then __cast)."""
        found = self.conversion(value, to, explicit) or self.user_cast(value, to)
        if found is None:
            self.error(f"cannot convert '{value.type}' to '{to}'", value.span)
        return found

    def conversion(self, value, to, explicit):
        frm = value.type
        if frm is to:
            return value
        span = value.span
        if is_vector(to) and (is_numeric(frm) or is_bool(frm)) and \
                (is_numeric(to.type) or frm is to.type):
            return X.Cast(self.convert(value, to.type), to, "broadcast", span)
        if is_vector(frm) and is_vector(to) and frm.N == to.N and is_numeric(frm.type) \
                and is_numeric(to.type):
            return X.Cast(value, to, "numeric", span)
        if is_numeric(frm) and is_numeric(to):
            if isinstance(value, X.Const):
                return X.Const(int(value.value) if to.integral else float(value.value), to, span)
            return X.Cast(value, to, "numeric", span)
        if frm is types.NIL and isinstance(to, types.Pointer):
            return X.Const(None, to, span)
        if isinstance(value, X.FuncRef) and isinstance(to, types.Pointer) and to.type is frm:
            return X.Cast(value, to, "function_to_pointer", span)
        if isinstance(frm, types.Array) and isinstance(to, types.Pointer) and to.type is frm.type \
                and value.lvalue:
            return X.Cast(X.AddressOf(value, types.pointer(frm), span), to, "array_to_pointer", span)
        if isinstance(frm, types.Pointer) and isinstance(to, types.Pointer) \
                and (to.type is types.OPAQUE or frm.type is types.OPAQUE or explicit):
            return X.Cast(value, to, "pointer", span)
        if isinstance(frm, types.Struct) and isinstance(to, types.Struct) and \
                (frm.tuple_types is not None or getattr(frm, "anonymous_named", False)) \
                and to.tuple_types is None:
            return self.struct_conversion(value, to)
        if explicit:
            if is_integral(frm) and isinstance(to, types.Pointer):
                return X.Cast(value, to, "int_to_pointer", span)
            if isinstance(frm, types.Pointer) and is_integral(to):
                if to.bytes < 8:
                    return None
                return X.Cast(value, to, "pointer_to_int", span)
            if is_bool(frm) and is_numeric(to):
                return X.Cast(value, to, "bool_to_number", span)
            if is_numeric(frm) and is_bool(to):
                return X.Cast(value, to, "number_to_bool", span)
        return None

    def struct_conversion(self, value, to):
        """A tuple or anonymous `{a=...}` value into a named struct, field by field."""
        self.compiler.complete(to, value.span, self.diagnostics)
        frm = value.type
        if not isinstance(value, X.Construct):
            temporary = T.Symbol("$convert", frm)
            fields = [X.FieldRef(X.Local(temporary, value.span), f, i, value.span)
                      for i, f in enumerate(frm.fields)]
            converted = self.struct_conversion(X.Construct(frm, fields, value.span), to)
            return X.Let([X.VarInit(temporary, value, span=value.span)], converted, value.span)
        if frm.tuple_types is not None:
            if len(value.values) > len(to.fields):
                self.error(f"too many values to initialize struct {to}", value.span)
            pairs = list(zip(to.fields, value.values))
        else:
            by_name = {f.name: v for f, v in zip(frm.fields, value.values)}
            unknown = [n for n in by_name if to.field(n) is None]
            if unknown:
                self.error(f"no field {unknown[0]} in struct {to}", value.span)
            pairs = [(f, by_name[f.name]) for f in to.fields if f.name in by_name]
        given = {f.name: self.convert(v, f.type) for f, v in pairs}
        return X.Construct(to, [given.get(f.name) for f in to.fields], value.span)

    def explicit_cast(self, value, to, span):
        value = self.rvalue(value)
        found = self.conversion(value, to, explicit=True) or self.user_cast(value, to)
        if found is None:
            self.error(f"invalid cast from '{value.type}' to '{to}'", span)
        return found


def label_shown(label: str) -> str:
    """A label's name as written: renamed ones (`again$3`, Lua-made `$lbl$2`) too."""
    return label.strip("$").split("$")[0]


def has_defer(expression) -> bool:
    """Whether an expression holds a `defer` that is due in the enclosing block
    (one in a quote's statements; not one inside a nested block)."""
    stack = [expression]
    while stack:
        node = stack.pop()
        if isinstance(node, X.Defer):
            return True
        if isinstance(node, X.Block):
            continue
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        for name in getattr(type(node), "__slots__", ()):
            value = getattr(node, name, None)
            if isinstance(value, (X.Expr, X.Stmt, list, tuple)):
                stack.append(value)
    return False
