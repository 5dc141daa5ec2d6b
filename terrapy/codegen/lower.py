"""Lowering: typed functions (typed.py) -> llvmlite IR.

Each terra function becomes `@sym` with natural LLVM types (direct terra-to-
terra calls, inlinable), and `@sym$c`, its C-ABI entry point (what Lua's FFI,
C code and function pointers call). Locals live in allocas in the entry block
(mem2reg promotes them); struct fields are reached by byte offset, so unions
and padding need no special case (llvmtypes.py gives structs their C layout). Bools are i1 in registers, i8 in memory.
"""
from __future__ import annotations

import ctypes

from llvmlite import ir

from .. import typed as X
from .. import types
from . import cabi

I1, I8, I32, I64 = ir.IntType(1), ir.IntType(8), ir.IntType(32), ir.IntType(64)
BOOL_TYPE = types.primitive("bool")
PTR = ir.PointerType()


# ------------------------------------------------------------------ types

class VolatileLoad(ir.LoadInstr):
    """`load volatile` (llvmlite's builder has no volatile flag)."""
    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("load ", "load volatile ", 1)


class VolatileStore(ir.StoreInstr):
    def descr(self, buf):
        super().descr(buf)
        buf[-1] = buf[-1].replace("store ", "store volatile ", 1)


def memory_type(t):
    if isinstance(t, types.Primitive):
        if t.logical:
            return I8
        if t.is_float:
            return ir.FloatType() if t.bytes == 4 else ir.DoubleType()
        return ir.IntType(t.bytes * 8)
    if isinstance(t, types.Pointer):
        return PTR
    if isinstance(t, types.Array):
        return ir.ArrayType(memory_type(t.type), t.N)
    if isinstance(t, types.Vector):
        return ir.VectorType(memory_type(t.type), t.N)   # LLVM pads the allocation
    if isinstance(t, types.Struct):
        from .llvmtypes import llvm_type     # C layout, unions as clang stores them
        return llvm_type(t)
    if t is types.NIL:
        return PTR
    raise TypeError(f"no LLVM type for {t}")


def value_type(t):
    if isinstance(t, types.Primitive) and t.logical:
        return I1
    if isinstance(t, types.Vector) and t.type.logical:
        return ir.VectorType(I1, t.N)
    return memory_type(t)


def is_logical(t):
    return isinstance(t, types.Primitive) and t.logical or \
        isinstance(t, types.Vector) and t.type.logical


def return_type(t):
    return ir.VoidType() if t is types.UNIT else value_type(t)


def opaque(value):
    """llvmlite gives allocas and globals typed pointers; terrapy's IR uses opaque
    `ptr` throughout (LLVM 22), with pointee types kept in terrapy's types."""
    value.type = PTR
    return value


def function_llvm_type(function_type):
    return ir.FunctionType(return_type(function_type.returntype),
                           [value_type(p) for p in function_type.parameters],
                           var_arg=function_type.isvararg)


# ------------------------------------------------------------------ module

class ModuleBuilder:
    """One compilation unit: a set of functions compiled together."""

    def __init__(self, name: str, triple: str, data_layout: str):
        self.module = ir.Module(name=name)
        self.module.triple = triple
        self.module.data_layout = data_layout
        self.strings: dict[bytes, ir.GlobalVariable] = {}

    def declare_function(self, name, fnty):
        existing = self.module.globals.get(name)
        if existing is not None:
            return existing
        return ir.Function(self.module, fnty, name=name)

    def function_for(self, function):
        """@sym for a terra function (declared if it lives in another module)."""
        declared = self.declare_function(function.symbol, function_llvm_type(function.type))
        if function.callingconv:           # f:setcallingconv: definitions and calls agree
            declared.calling_convention = function.callingconv
        if function.noreturn:
            declared.attributes.add("noreturn")
        return declared

    def global_variable(self, variable):
        existing = self.module.globals.get(variable.symbol)
        if existing is not None:
            return existing
        if variable.constant and variable.address is not None:
            return self.constant_global(variable)
        g = ir.GlobalVariable(self.module, memory_type(variable.type), name=variable.symbol)
        g.linkage = "external"
        return opaque(g)

    def constant_global(self, variable):
        """A constant (or an isconstant global) has its value in its Lua memory before
        code uses it; a private copy of those bytes lets LLVM fold loads from it
        (lookup tables indexed by a constant)."""
        size = types.size_of(variable.type)
        data = bytearray(ctypes.string_at(variable.address, size))
        g = ir.GlobalVariable(self.module, ir.ArrayType(I8, size), name=variable.symbol)
        g.initializer = ir.Constant(g.value_type, data)
        g.global_constant = True
        g.linkage = "private"
        g.align = types.align_of(variable.type)
        return opaque(g)

    def string(self, value: bytes):
        found = self.strings.get(value)
        if found is None:
            data = bytearray(value + b"\0")
            constant = ir.Constant(ir.ArrayType(I8, len(data)), data)
            found = ir.GlobalVariable(self.module, constant.type, name=f"str.{len(self.strings)}")
            found.initializer = constant
            found.global_constant = True
            found.linkage = "private"
            found.unnamed_addr = True
            self.strings[value] = opaque(found)
        return found

    def define(self, code: X.FunctionCode):
        function = self.function_for(code.function)
        if code.function.inline is True:
            function.attributes.add("alwaysinline")
        elif code.function.inline is False:
            function.attributes.add("noinline")
        FunctionLowering(self, code, function).lower()
        cabi.entry_point(self, code.function, function)
        return function


class Loop:
    __slots__ = ("exit", "defer_depth")

    def __init__(self, exit_block, defer_depth):
        self.exit, self.defer_depth = exit_block, defer_depth


class FunctionLowering:
    def __init__(self, unit: ModuleBuilder, code: X.FunctionCode, function: ir.Function):
        self.unit = unit
        self.code = code
        self.function = function
        self.locals: dict[int, ir.Value] = {}
        self.defers: list[list] = []       # a list of deferred calls per open block
        self.loops: list[Loop] = []
        self.labels: dict[str, ir.Block] = {}
        self.label_depths: dict[str, int] = {}   # open blocks where each label stands
        self.gotos: list[tuple] = []             # (exit block, label, defers, locals) then
        self.shadowed: list[dict] = []           # per open block: slots its declarations hid
        self.entry = function.append_basic_block("entry")
        self.allocas = ir.IRBuilder(self.entry)
        body = function.append_basic_block("body")
        self.builder = ir.IRBuilder(body)

    # ------------------------------------------------------------ helpers
    def alloca(self, t, name=""):
        """Every local's slot lives in the entry block, so mem2reg promotes it."""
        slot = opaque(self.allocas.alloca(memory_type(t), name=name))
        slot.align = types.align_of(t) if not isinstance(t, types.Vector) else types.size_of(t)
        return slot

    def load(self, address, t):
        value = self.builder.load(address, typ=memory_type(t))
        if is_logical(t):
            return self.builder.trunc(value, value_type(t))
        return value

    def store(self, value, address, t):
        if is_logical(t):
            value = self.builder.zext(value, memory_type(t))
        self.builder.store(value, address)

    def terminated(self) -> bool:
        return self.builder.block.is_terminated

    def new_block(self, name):
        return self.function.append_basic_block(name)

    def continue_in(self, block):
        if not self.terminated():
            self.builder.branch(block)
        self.builder.position_at_end(block)

    # ----------------------------------------------------------- function
    def lower(self):
        for symbol, argument in zip(self.code.params, self.function.args):
            slot = self.alloca(symbol.type, symbol.name)
            self.store(argument, slot, symbol.type)
            self.locals[symbol.id] = slot
        self.block(self.code.body)
        if not self.terminated():
            if self.code.type.returntype is types.UNIT:
                self.builder.ret_void()
            else:
                self.builder.unreachable()
        self.finish_gotos()
        self.allocas.branch(self.function.blocks[1])

    def finish_gotos(self):
        """Each goto leaves through its own block, which runs the defers of the
        blocks it exits (known only now for a forward label) and then jumps."""
        for trampoline, goto, pending, visible in self.gotos:
            label = goto.label
            self.builder.position_at_end(trampoline)
            self.locals = visible
            for scope in reversed(pending[self.label_depths.get(label, len(pending)):]):
                self.run_defers(scope)
            self.builder.branch(self.label_block(label))

    # --------------------------------------------------------- statements
    def block(self, block: X.Block):
        self.defers.append([])
        self.shadowed.append({})
        try:
            for statement in block.statements:
                if self.terminated():
                    # code after return/break/goto: keep it in a fresh, unreachable block
                    self.builder.position_at_end(self.new_block("dead"))
                self.statement(statement)
            if not self.terminated():
                self.run_defers(self.defers[-1])
        finally:
            self.defers.pop()
            # a symbol declared again in this block (`var [s]` twice) is the outer
            # variable again after it
            self.locals.update(self.shadowed.pop())

    def run_defers(self, calls):
        for call in reversed(calls):
            self.value(call)

    def defers_down_to(self, depth):
        for scope in reversed(self.defers[depth:]):
            self.run_defers(scope)

    def statement(self, node):
        getattr(self, "stat_" + type(node).__name__)(node)

    def stat_Block(self, node):
        self.block(node)

    def stat_VarInit(self, node):
        slot = self.alloca(node.symbol.type, node.symbol.name)
        previous = self.locals.get(node.symbol.id)
        if previous is not None and self.shadowed:
            self.shadowed[-1].setdefault(node.symbol.id, previous)
        self.locals[node.symbol.id] = slot
        if node.value is not None:
            self.store(self.value(node.value), slot, node.symbol.type)

    def stat_Assign(self, node):
        # every right-hand side is evaluated before any store (a, b = b, a)
        addresses = [self.address(t) for t in node.targets]
        values = [self.value(v) for v in node.values]
        for target, address, value in zip(node.targets, addresses, values):
            self.store(value, address, target.type)

    def stat_ExprStmt(self, node):
        self.value(node.expr)

    def stat_If(self, node):
        done = self.new_block("endif")
        for condition, body in node.branches:
            then, other = self.new_block("then"), self.new_block("else")
            self.builder.cbranch(self.value(condition), then, other)
            self.builder.position_at_end(then)
            self.block(body)
            if not self.terminated():
                self.builder.branch(done)
            self.builder.position_at_end(other)
        if node.orelse is not None:
            self.block(node.orelse)
        self.continue_in(done)

    def stat_While(self, node):
        # header: test -> body -> header; exit
        header, body, exit_block = self.new_block("while"), self.new_block("do"), self.new_block("endwhile")
        self.builder.branch(header)
        self.builder.position_at_end(header)
        self.builder.cbranch(self.value(node.condition), body, exit_block)
        self.builder.position_at_end(body)
        self.loop_body(node.body, exit_block)
        if not self.terminated():
            self.builder.branch(header)
        self.builder.position_at_end(exit_block)

    def loop_body(self, body, exit_block):
        self.loops.append(Loop(exit_block, len(self.defers)))
        try:
            self.block(body)
        finally:
            self.loops.pop()

    def stat_Repeat(self, node):
        # body runs first; `until` sees the body's locals (same scope)
        body, exit_block = self.new_block("repeat"), self.new_block("endrepeat")
        self.builder.branch(body)
        self.builder.position_at_end(body)
        self.loops.append(Loop(exit_block, len(self.defers)))
        self.defers.append([])
        try:
            for statement in node.body.statements:
                self.statement(statement)
            if not self.terminated():
                condition = self.value(node.condition)
                self.run_defers(self.defers[-1])
                self.builder.cbranch(condition, exit_block, body)
        finally:
            self.defers.pop()
            self.loops.pop()
        self.builder.position_at_end(exit_block)

    def stat_ForNum(self, node):
        # counter = start; while counter <(or >) stop: var = counter; body; counter += step
        t = node.symbol.type
        counter = self.alloca(t, "counter")
        self.store(self.value(node.start), counter, t)
        stop = self.value(node.stop)
        step = self.value(node.step) if node.step is not None else ir.Constant(value_type(t), 1)
        header, body, exit_block = self.new_block("for"), self.new_block("forbody"), self.new_block("endfor")
        self.builder.branch(header)
        self.builder.position_at_end(header)
        current = self.load(counter, t)
        self.builder.cbranch(self.loop_test(current, stop, step, t), body, exit_block)
        self.builder.position_at_end(body)
        slot = self.alloca(t, node.symbol.name)
        self.locals[node.symbol.id] = slot
        self.store(current, slot, t)
        self.loop_body(node.body, exit_block)
        if not self.terminated():
            value = self.load(counter, t)
            if t.is_float:
                following = self.builder.fadd(value, step)
            elif isinstance(step, ir.Constant) and abs(step.constant) == 1:
                # counter < stop (or >) held before a unit step, so it cannot wrap:
                # telling LLVM lets it widen the induction variable, as for C loops
                flags = ["nsw"] if t.signed else ["nuw"] if step.constant == 1 else []
                following = self.builder.add(value, step, flags=flags)
            else:
                following = self.builder.add(value, step)
            self.store(following, counter, t)
            self.builder.branch(header)
        self.builder.position_at_end(exit_block)

    def loop_test(self, current, stop, step, t):
        b = self.builder
        if isinstance(step, ir.Constant):
            ascending = step.constant >= 0
            if t.is_float:
                return b.fcmp_ordered("<" if ascending else ">", current, stop)
            compare = b.icmp_signed if t.signed else b.icmp_unsigned
            return compare("<" if ascending else ">", current, stop)
        if t.is_float:
            up = b.and_(b.fcmp_ordered(">", step, ir.Constant(step.type, 0.0)),
                        b.fcmp_ordered("<", current, stop))
            down = b.and_(b.fcmp_ordered("<=", step, ir.Constant(step.type, 0.0)),
                          b.fcmp_ordered(">", current, stop))
        else:
            compare = b.icmp_signed if t.signed else b.icmp_unsigned
            zero = ir.Constant(step.type, 0)
            up = b.and_(b.icmp_signed(">", step, zero), compare("<", current, stop))
            down = b.and_(b.icmp_signed("<=", step, zero), compare(">", current, stop))
        return b.or_(up, down)

    def stat_Break(self, node):
        loop = self.loops[-1]
        self.defers_down_to(loop.defer_depth)
        self.builder.branch(loop.exit)

    def label_block(self, name):
        block = self.labels.get(name)
        if block is None:
            block = self.labels[name] = self.new_block(f"label.{name}")
        return block

    def stat_Goto(self, node):
        trampoline = self.new_block(f"goto.{node.label}")
        self.gotos.append((trampoline, node, [list(scope) for scope in self.defers],
                           dict(self.locals) if any(self.defers) else self.locals))
        self.builder.branch(trampoline)

    def stat_Label(self, node):
        self.label_depths[node.label] = len(self.defers)
        self.continue_in(self.label_block(node.label))

    def stat_Return(self, node):
        value = self.value(node.value) if node.value is not None else None
        self.defers_down_to(0)
        if value is None:
            self.builder.ret_void()
        else:
            self.builder.ret(value)

    def stat_Defer(self, node):
        self.defers[-1].append(node.call)

    def stat_Switch(self, node):
        value = self.value(node.value)
        done, default = self.new_block("endswitch"), self.new_block("default")
        switch = self.builder.switch(value, default)
        for constant, body in node.cases:
            block = self.new_block("case")
            switch.add_case(ir.Constant(value.type, constant), block)
            self.builder.position_at_end(block)
            self.block(body)
            if not self.terminated():
                self.builder.branch(done)
        self.builder.position_at_end(default)
        if node.orelse is not None:
            self.block(node.orelse)
        self.continue_in(done)

    # -------------------------------------------------------- expressions
    def address(self, e):
        """The address of an lvalue (or of a spilled rvalue aggregate)."""
        kind = type(e).__name__
        if kind == "Local":
            return self.locals[e.symbol.id]
        if kind == "GlobalRef":
            return self.unit.global_variable(e.variable)
        if kind == "Deref":
            return self.value(e.pointer)
        if kind == "FieldRef":
            base = self.address(e.value)
            return self.builder.gep(base, [ir.Constant(I64, e.field.offset)], inbounds=True,
                                    source_etype=I8)
        if kind == "ArrayIndex":
            base = self.address(e.array)
            index = self.index_value(e.index)
            return self.builder.gep(base, [index], inbounds=True,
                                    source_etype=memory_type(e.array.type.type))
        if kind == "Let":
            for statement in e.statements:
                self.statement(statement)
            return self.address(e.value)
        # an rvalue aggregate: spill it
        slot = self.alloca(e.type, "tmp")
        self.store(self.value(e), slot, e.type)
        return slot

    def index_value(self, index):
        value = self.value(index)
        width = index.type.bytes * 8
        if width < 64:
            value = self.builder.sext(value, I64) if index.type.signed else self.builder.zext(value, I64)
        return value

    def value(self, e):
        return getattr(self, "exp_" + type(e).__name__)(e)

    def exp_Const(self, e):
        t = e.type
        if e.value is None:
            return ir.Constant(PTR, None)
        if isinstance(t, types.Primitive) and t.logical:
            return ir.Constant(I1, int(bool(e.value)))
        if isinstance(t, types.Primitive) and t.integral:
            return ir.Constant(value_type(t), int(e.value) & ((1 << (t.bytes * 8)) - 1))
        return ir.Constant(value_type(t), float(e.value))

    def exp_StringLit(self, e):
        return self.unit.string(e.value)

    def lvalue_load(self, e):
        return self.load(self.address(e), e.type)

    exp_Local = exp_GlobalRef = exp_Deref = exp_FieldRef = exp_ArrayIndex = lvalue_load

    def exp_AddressOf(self, e):
        return self.address(e.operand)

    def exp_FuncRef(self, e):
        return cabi.entry_point_reference(self.unit, e.function)

    def exp_PointerOffset(self, e):
        offset = self.index_value(e.offset)
        if e.negate:
            offset = self.builder.neg(offset)
        return self.builder.gep(self.value(e.pointer), [offset], inbounds=True,
                                source_etype=memory_type(e.pointer.type.type))

    def exp_PointerDifference(self, e):
        b = self.builder
        lhs, rhs = b.ptrtoint(self.value(e.lhs), I64), b.ptrtoint(self.value(e.rhs), I64)
        size = types.size_of(e.lhs.type.type)
        return b.sdiv(b.sub(lhs, rhs), ir.Constant(I64, size))

    def exp_Binary(self, e):
        op = e.op
        if op in ("and", "or") and isinstance(e.type, types.Primitive) and e.type.logical \
                and e.lhs.type.logical:
            return self.short_circuit(e)
        lhs, rhs = self.value(e.lhs), self.value(e.rhs)
        return binary(self.builder, op, lhs, rhs, e.operand_type)

    def short_circuit(self, e):
        # lhs -> (and: test rhs if true | or: test rhs if false) -> phi
        b = self.builder
        lhs = self.value(e.lhs)
        start = b.block
        rhs_block, done = self.new_block(e.op), self.new_block("end" + e.op)
        if e.op == "and":
            b.cbranch(lhs, rhs_block, done)
        else:
            b.cbranch(lhs, done, rhs_block)
        b.position_at_end(rhs_block)
        rhs = self.value(e.rhs)
        rhs_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(I1)
        phi.add_incoming(ir.Constant(I1, 0 if e.op == "and" else 1), start)
        phi.add_incoming(rhs, rhs_end)
        return phi

    def exp_Unary(self, e):
        value = self.value(e.operand)
        lanes = e.operand.type.type if isinstance(e.operand.type, types.Vector) else e.operand.type
        b = self.builder
        if e.op == "-":
            if lanes.is_float:
                return b.fneg(value)
            return b.sub(ir.Constant(value.type, None), value)
        return b.xor(value, all_ones(value.type))

    def exp_Cast(self, e):
        kind = e.kind
        if kind == "function_to_pointer":
            return self.value(e.operand) if not isinstance(e.operand, X.FuncRef) \
                else cabi.entry_point_reference(self.unit, e.operand.function)
        value = self.value(e.operand)
        b = self.builder
        frm, to = e.operand.type, e.type
        if kind == "numeric":
            return numeric_cast(b, value, frm, to)
        if kind == "broadcast":
            return splat(b, value, to)
        if kind == "bool_to_number":
            return b.uitofp(value, value_type(to)) if to.is_float else b.zext(value, value_type(to))
        if kind == "number_to_bool":
            if frm.is_float:
                return b.fcmp_unordered("!=", value, ir.Constant(value.type, 0.0))
            return b.icmp_unsigned("!=", value, ir.Constant(value.type, 0))
        if kind in ("pointer", "array_to_pointer"):
            return value
        if kind == "int_to_pointer":
            return b.inttoptr(value, PTR)
        if kind == "pointer_to_int":
            return b.ptrtoint(value, value_type(to))
        raise AssertionError(f"cast kind {kind}")

    def exp_Construct(self, e):
        slot = self.alloca(e.type, "construct")
        for f, v in zip(e.type.fields, e.values):
            if v is None:
                continue
            address = self.builder.gep(slot, [ir.Constant(I64, f.offset)], inbounds=True,
                                       source_etype=I8)
            self.store(self.value(v), address, f.type)
        return self.load(slot, e.type)

    def exp_Elements(self, e):
        if isinstance(e.type, types.Vector):
            vector = ir.Constant(value_type(e.type), None)
            for i, v in enumerate(e.values):
                vector = self.builder.insert_element(vector, self.value(v), ir.Constant(I32, i))
            return vector
        slot = self.alloca(e.type, "array")
        element_type = memory_type(e.type.type)
        for i, v in enumerate(e.values):
            address = self.builder.gep(slot, [ir.Constant(I64, i)], inbounds=True,
                                       source_etype=element_type)
            self.store(self.value(v), address, e.type.type)
        return self.load(slot, e.type)

    def exp_Call(self, e):
        args = [self.value(a) for a in e.args]
        callee = e.callee
        if isinstance(callee, X.FuncRef) and callee.function.extern_name is None:
            result = self.builder.call(self.unit.function_for(callee.function), args)
        else:
            target = cabi.callee_of(self, callee)
            result = cabi.call(self, target, e.function_type, args, e.args)
        return result

    def exp_SelectValue(self, e):
        return self.builder.select(self.value(e.condition), self.value(e.lhs), self.value(e.rhs))

    def exp_InlineAsm(self, e):
        operands = [self.value(o) for o in e.operands]
        result = ir.VoidType() if e.type is types.UNIT else value_type(e.type)
        signature = ir.FunctionType(result, [o.type for o in operands])
        value = self.builder.asm(signature, e.code, e.constraints, operands, e.volatile)
        return None if e.type is types.UNIT else value

    def exp_MemoryOp(self, e):
        """Loads and stores with attributes, fences and atomics (LLVM's own forms)."""
        b, a = self.builder, e.attributes
        ordering = a.get("ordering", "seq_cst")
        if e.kind == "fence":
            b.fence(ordering, a.get("syncscope"))
            return None
        values = [self.value(o) for o in e.operands]
        pointer, element = values[0], e.operands[0].type.type
        if e.kind == "attrload":
            if a.get("isvolatile"):
                load = VolatileLoad(b.block, pointer, typ=memory_type(element))
                load.align = a.get("align")
                b._insert(load)
            else:
                load = b.load(pointer, typ=memory_type(element), align=a.get("align"))
            if a.get("nontemporal"):
                load.set_metadata("nontemporal", self.unit.module.add_metadata([ir.Constant(I32, 1)]))
            return b.trunc(load, I1) if is_logical(element) else load
        if e.kind == "attrstore":
            value = b.zext(values[1], I8) if is_logical(element) else values[1]
            if a.get("isvolatile"):
                store = VolatileStore(b.block, value, pointer)
                store.align = a.get("align")
                b._insert(store)
            else:
                store = b.store(value, pointer, align=a.get("align"))
            if a.get("nontemporal"):
                store.set_metadata("nontemporal", self.unit.module.add_metadata([ir.Constant(I32, 1)]))
            return None
        if e.kind == "atomicrmw":
            return b.atomic_rmw(a["operation"], pointer, values[1], ordering)
        pair = b.cmpxchg(pointer, values[1], values[2], a.get("success_ordering", ordering),
                         a.get("failure_ordering", "monotonic"))
        slot = self.alloca(e.type, "cmpxchg")
        old, ok = b.extract_value(pair, 0), b.extract_value(pair, 1)
        self.store(old, b.gep(slot, [ir.Constant(I64, 0)], source_etype=I8), element)
        self.store(ok, b.gep(slot, [ir.Constant(I64, e.type.fields[1].offset)], source_etype=I8),
                   BOOL_TYPE)
        return self.load(slot, e.type)

    def exp_Multiple(self, e):
        return self.exp_Construct(e)

    def exp_Let(self, e):
        for statement in e.statements:
            self.statement(statement)
        return self.value(e.value)


def all_ones(t):
    if isinstance(t, ir.VectorType):
        return ir.Constant(t, [ir.Constant(t.element, -1)] * t.count)
    return ir.Constant(t, -1)


def splat(b, value, vector_type):
    """A vector with every lane `value`."""
    lanes = value_type(vector_type)
    single = b.insert_element(ir.Constant(lanes, None), value, ir.Constant(I32, 0))
    mask = ir.Constant(ir.VectorType(I32, vector_type.N), [0] * vector_type.N)
    return b.shuffle_vector(single, ir.Constant(lanes, None), mask)


def numeric_cast(b, value, frm, to):
    if isinstance(to, types.Vector):
        target = value_type(to)
        frm, to = frm.type, to.type
        return _scalar_cast(b, value, frm, to, target)
    return _scalar_cast(b, value, frm, to, value_type(to))


def _scalar_cast(b, value, frm, to, target):
    if frm.is_float and to.is_float:
        return b.fpext(value, target) if to.bytes > frm.bytes else b.fptrunc(value, target)
    if frm.is_float:
        return b.fptosi(value, target) if to.signed else b.fptoui(value, target)
    if to.is_float:
        return b.sitofp(value, target) if frm.signed else b.uitofp(value, target)
    if to.bytes > frm.bytes:
        return b.sext(value, target) if frm.signed else b.zext(value, target)
    if to.bytes < frm.bytes:
        return b.trunc(value, target)
    return value


_INT_OPS = {"+": "add", "-": "sub", "*": "mul", "^": "xor", "and": "and_", "or": "or_",
            "<<": "shl"}
FP_FLAGS = ("contract",)
_FLOAT_OPS = {"+": "fadd", "-": "fsub", "*": "fmul", "/": "fdiv", "%": "frem"}
_COMPARE = {"==": "==", "~=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def binary(b, op, lhs, rhs, t):
    if isinstance(t, types.Vector):
        t = t.type
    if isinstance(t, types.Pointer) or t is types.NIL:
        return b.icmp_unsigned(_COMPARE[op], lhs, rhs)
    if op in _COMPARE:
        if t.is_float:
            if op == "~=":
                return b.fcmp_unordered("!=", lhs, rhs)
            return b.fcmp_ordered(_COMPARE[op], lhs, rhs)
        compare = b.icmp_signed if t.signed and not t.logical else b.icmp_unsigned
        return compare(_COMPARE[op], lhs, rhs)
    if t.is_float:
        # `contract` lets LLVM fuse a*b+c into an FMA, as gcc (-ffp-contract=fast)
        # and clang do for C by default: terra code runs at their speed
        return getattr(b, _FLOAT_OPS[op])(lhs, rhs, flags=FP_FLAGS)
    if op in _INT_OPS:
        return getattr(b, _INT_OPS[op])(lhs, rhs)
    if op == "/":
        return b.sdiv(lhs, rhs) if t.signed else b.udiv(lhs, rhs)
    if op == "%":
        return b.srem(lhs, rhs) if t.signed else b.urem(lhs, rhs)
    if op == ">>":
        return b.ashr(lhs, rhs) if t.signed else b.lshr(lhs, rhs)
    raise AssertionError(f"binary operator {op} on {t}")
