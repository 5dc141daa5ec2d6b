"""The bridge entries behind terra function objects' methods and the terralib
calls that make or inspect compiled code (externfunction, sizeof, disas)."""
from __future__ import annotations

from .. import types
from ..errors import TerraError


def install(runtime, bridge):
    def info(function):
        return runtime.definitions.info(function)

    def setattribute(function, name, value):
        setattr(info(function), name.decode(), bool(value))

    def setcallingconv(function, name):
        import re
        text = name.decode()
        if not re.fullmatch(r"[a-z0-9_]+cc|cc \d+|ccc", text):
            raise TerraError(f"setcallingconv: '{text}' is not an LLVM calling convention "
                             "(fastcc, coldcc, cc 10, ...)")
        target = info(function)
        if target.address is not None:
            raise TerraError(f"terra function '{target.name}' is already compiled")
        target.callingconv = text

    def stats(function):
        target = info(function)
        shown = ", ".join(f"{phase} {seconds * 1000:.2f} ms"
                          for phase, seconds in target.stats.items()) or "not compiled yet"
        others = (target.unit_size or 1) - 1
        together = f" (compiled with {others} other function{'s' if others > 1 else ''})" \
            if others else ""
        return f"{target.name}: {shown}{together}".encode()

    def externfunction(name, fntype):
        t = runtime.typeobjects.unwrap(fntype, "a function type")
        if isinstance(t, types.Pointer):
            t = t.type
        if not isinstance(t, types.Function):
            raise TerraError(f"externfunction expects a function type but found {t}")
        function = runtime.definitions.new_function(name.decode())
        terra = info(function)
        terra.extern_name, terra.type = name.decode(), t
        function[b"__extern"] = True
        function[b"__defined"] = True
        return function

    def sizeof(t):
        return types.size_of(unwrap_complete(t))

    def disassemble(function):
        """The optimized IR of the function's compilation unit, then its machine code."""
        terra = info(function)
        runtime.compiler.compile(terra)
        from ..codegen.jit import jit
        module = getattr(terra, "module", None)
        if module is None:
            return f"{terra.name}: extern {terra.extern_name} : {terra.type}".encode()
        return (f"definition {terra.type}\n{module}\nassembly for {terra.name}:\n"
                f"{jit().machine_code(module)}").encode()

    def prettyprint(function):
        from .. import pretty
        terra = info(function)
        if terra.definition is None:
            return f"terra {terra.name} :: {terra.type}".encode()
        return pretty.function(terra.name, terra.definition, terra.type).encode()

    def newglobal(t, name, extern_name, constant):
        from ..functions import GlobalVariable
        t = runtime.typeobjects.unwrap(t)
        if isinstance(t, types.Struct):
            runtime.resolver.complete(t)
        return runtime.keep(GlobalVariable(t, name.decode(),
                                           extern_name=extern_name and extern_name.decode(),
                                           constant=bool(constant)))

    def globalstorage(variable):
        runtime.resolver.allocate_global(variable)
        return variable.cdata, variable.address

    def ctype(t):
        return runtime.resolver.registered_ctype(unwrap_complete(t)).encode()

    def pointerctype(t):
        return runtime.resolver.ctype(types.pointer(unwrap_complete(t))).encode()

    def unwrap_complete(t):
        t = runtime.typeobjects.unwrap(t)
        if t is types.OPAQUE:
            raise TerraError("attempting to use an opaque type where the layout of the type "
                             "is needed")
        if isinstance(t, types.Struct):
            runtime.resolver.complete(t)
        return t

    def complete(t):
        unwrap_complete(t)

    def offsetof(t, name):
        t = unwrap_complete(t)
        f = t.field(name.decode()) if isinstance(t, types.Struct) else None
        if f is None:
            raise TerraError(f"no field {name.decode()} in type {t}")
        return f.offset

    def linklibrary(path):
        import llvmlite.binding as llvm
        from ..codegen.jit import jit
        jit()
        try:
            llvm.load_library_permanently(path.decode())
        except RuntimeError as error:
            raise TerraError(f"linklibrary: cannot load {path.decode()}: {error}") from None

    def intrinsic(name, fntype):
        function = externfunction(name, fntype)
        info(function).intrinsic = True
        return function

    def dumpmodule():
        from ..codegen.jit import jit
        return "\n".join(jit().modules).encode()

    def includec(source, is_code, args, target):
        if runtime._cimporter is None:
            from .cimport import CImporter
            runtime._cimporter = CImporter(runtime)
        return runtime._cimporter.include(source, bool(is_code), args, target)

    def symboladdress(name):
        return runtime.resolver.symbol_address(name.decode())

    def newsymbol(t, name):
        from ..trees import Symbol
        t = runtime.typeobjects.unwrap(t) if t is not None else None
        symbol = Symbol(name.decode() if name else f"symbol", t)
        return runtime.resolver.symbol_object(symbol)

    def quotetree(handle):
        from ..source import display_name
        node = runtime.handled(handle).tree
        span = getattr(node, "span", None)
        fields = {b"kind": type(node).__name__.lower().encode(), b"__handle": handle}
        if span is not None:
            fields.update({b"filename": display_name(span.chunkname).encode(),
                           b"linenumber": span.line, b"offset": span.column})
        return runtime.lua.table_from(fields)

    def adddefinition(function, source, reset):
        """f:adddefinition(g) / f:resetdefinition(g): f takes g's definition."""
        target, defined = info(function), info(source)
        if defined.specialized is None:
            raise TerraError("the definition given is not a defined terra function")
        if target.address is not None or target.typed is not None:
            raise TerraError(f"terra function '{target.name}' is already compiled; "
                             "its definition cannot change")
        if target.specialized is not None and not reset:
            raise TerraError(f"terra function '{target.name}' is already defined "
                             "(resetdefinition replaces a definition)")
        if target.extern_name is not None:
            raise TerraError(f"'{target.name}' is an external function")
        if target.type is not None and defined.type is not None and target.type is not defined.type:
            raise TerraError(f"attempting to define terra function declaration with type "
                             f"{defined.type}, but it was declared with type {target.type}")
        target.definition, target.environment = defined.definition, defined.environment
        target.specialized, target.errors = defined.specialized, None
        target.self_type = defined.self_type
        if defined.type is not None:
            target.type = defined.type
        function[b"__defined"] = True
        return function

    def linkllvm(source, is_text):
        from ..codegen.jit import jit
        if is_text:
            data, name = bytes(source), "the string"
        else:
            name = source.decode("utf-8", "surrogateescape")
            try:
                with open(name, "rb") as handle:
                    data = handle.read()
            except OSError as error:
                raise TerraError(f"linkllvm: cannot read {name}: {error.strerror}") from None
        defined = jit().link(data, name)
        return runtime.lua.table_from([d.encode() for d in defined])

    def constantinitializer(function):
        """Whether the store function made for `constant(T, quote)` stores a
        constant expression (literals, constructors, casts and arithmetic of
        them, addresses of globals and functions), as Terra requires."""
        from .. import typed as X        # (not at start-up: plain Lua never needs it)
        fn = info(function)
        runtime.compiler.typecheck(fn)
        stores = [s for s in fn.typed.body.statements if isinstance(s, X.Assign)]
        return all(is_constant_expression(v) for s in stores for v in s.values)

    def typename(t):
        return str(runtime.typeobjects.unwrap(t)).encode()

    def quotevalue(handle):
        from .resolver import literal_value
        return literal_value(runtime.handled(handle).tree, runtime.resolver)

    def requote(handle):
        return runtime.definitions.quote_object(runtime.handled(handle))

    def moduleof(function):
        fn = info(function)
        runtime.compiler.compile(fn)
        return (fn.module or "").encode()

    def llvmversion():
        import llvmlite.binding as llvm
        major, minor, _ = llvm.llvm_version_info
        return major * 10 + minor

    def nativetarget():
        from ..codegen.jit import jit
        engine = jit()
        import llvmlite.binding as llvm
        return (engine.triple.encode(), llvm.get_host_cpu_name().encode(),
                llvm.get_host_cpu_features().flatten().encode())

    def luaapivalue(thread, kind, address):
        if runtime._luaapi is None:
            from .luaapi import LuaApi
            runtime._luaapi = LuaApi()
        runtime._luaapi.set_upvalue(thread, kind, address)

    for fn in (moduleof, llvmversion, nativetarget, luaapivalue, quotetree, requote,
               quotevalue, typename, adddefinition, constantinitializer, setcallingconv,
               linkllvm, stats, newsymbol, pointerctype, includec, symboladdress, ctype,
               complete, offsetof, linklibrary, intrinsic, dumpmodule, newglobal,
               globalstorage, setattribute, externfunction, sizeof, disassemble, prettyprint):
        bridge[fn.__name__.encode()] = runtime.guard(fn)   # Lua sees py.<name>


def is_constant_expression(e) -> bool:
    from .. import typed as X
    if isinstance(e, (X.Const, X.StringLit, X.FuncRef)):
        return True
    if isinstance(e, X.AddressOf):
        return is_constant_address(e.operand)
    if isinstance(e, X.GlobalRef):
        return not e.lvalue                  # a constant's value, not a variable's
    if isinstance(e, (X.Construct, X.Elements)):
        return all(is_constant_expression(v) for v in e.values)
    if isinstance(e, X.Cast):
        return is_constant_expression(e.operand)
    if isinstance(e, X.Unary):
        return is_constant_expression(e.operand)
    if isinstance(e, X.Binary):
        return is_constant_expression(e.lhs) and is_constant_expression(e.rhs)
    if isinstance(e, X.SelectValue):
        return all(is_constant_expression(v) for v in (e.condition, e.lhs, e.rhs))
    if isinstance(e, X.Let):
        return not e.statements and is_constant_expression(e.value)
    return False


def is_constant_address(lvalue) -> bool:
    """`&g`, `&g.field`, `&g[3]`: an address known before the program runs."""
    from .. import typed as X
    if isinstance(lvalue, X.GlobalRef):
        return True
    if isinstance(lvalue, X.FieldRef):
        return is_constant_address(lvalue.value)
    if isinstance(lvalue, X.ArrayIndex):
        return is_constant_address(lvalue.array) and is_constant_expression(lvalue.index)
    return False
