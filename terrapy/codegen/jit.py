"""The one JIT of the process: LLVM's MCJIT on the host CPU, modules optimized
with the new pass manager at -O3 before they are added.

Every compiled symbol is also registered process-wide (`add_symbol`), so a
later module can call code from an earlier one by name, and C symbols (libc,
`terralib.linklibrary`) resolve the same way.
"""
from __future__ import annotations

import functools


class Jit:
    def __init__(self):
        import llvmlite.binding as llvm
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        llvm.initialize_native_asmparser()      # inline assembly (terralib.asm)
        self.llvm = llvm
        # terra code written against lua.h calls the C API of the LuaJIT that
        # runs the script (lupa's), never a second copy
        from ..runtime.luaapi import library_path
        llvm.load_library_permanently(library_path())
        target = llvm.Target.from_default_triple()
        self.target_machine = target.create_target_machine(
            cpu=llvm.get_host_cpu_name(), features=llvm.get_host_cpu_features().flatten(),
            opt=3, reloc="default", codemodel="jitdefault")
        self.triple = llvm.get_process_triple()
        self.data_layout = str(self.target_machine.target_data)
        empty = llvm.parse_assembly("")
        empty.triple = self.triple
        self.engine = llvm.create_mcjit_compiler(empty, self.target_machine)
        self.modules: list[str] = []   # optimized IR of every module, for dumpmodule

    def optimize(self, module, level: int = 3):
        llvm = self.llvm
        options = llvm.create_pipeline_tuning_options(speed_level=level)
        options.loop_vectorization = level >= 2
        options.slp_vectorization = level >= 2
        builder = llvm.create_pass_builder(self.target_machine, options)
        builder.getModulePassManager().run(module, builder)

    def add(self, ir_text: str, optimize_level: int = 3) -> str:
        """Parse, verify, optimize, compile to machine code and load a module.

        Only the object code is handed to the engine, so LLVM's in-memory module
        is freed at once (compiling thousands of functions must not keep
        thousands of modules); the optimized IR text is returned and kept."""
        llvm = self.llvm
        module = llvm.parse_assembly(ir_text)
        module.triple = self.triple
        module.data_layout = self.data_layout
        module.verify()
        self.check_intrinsics(module)
        if optimize_level:
            self.optimize(module, optimize_level)
        optimized = str(module)
        if " asm " in optimized or " asm sideeffect " in optimized:
            self.check_assembly(module)
        self.engine.add_object_file(llvm.ObjectFileRef.from_data(
            self.target_machine.emit_object(module)))
        self.engine.finalize_object()
        self.modules.append(optimized)
        return optimized

    def link(self, data: bytes, name: str) -> list[str]:
        """terralib.linkllvm: a module of LLVM IR text or bitcode, compiled and
        loaded; its defined functions become process-wide symbols. Returns them."""
        llvm = self.llvm
        try:
            module = llvm.parse_bitcode(data) if data[:2] == b"BC" else \
                llvm.parse_assembly(data.decode("utf-8", "replace"))
        except RuntimeError as error:
            from ..errors import TerraError
            raise TerraError(f"linkllvm: {name} is not LLVM IR or bitcode: "
                             f"{str(error).strip()}") from None
        defined = [f.name for f in module.functions if not f.is_declaration]
        self.add(str(module))
        for symbol in defined:
            self.register(symbol, self.address(symbol))
        return defined

    def check_intrinsics(self, module) -> None:
        """An `llvm.*` declaration LLVM does not know (no intrinsic of that name
        and signature) would be linked as a missing symbol and crash at the call;
        LLVM gives every intrinsic it knows attributes, so one without is refused."""
        for function in module.functions:
            if function.is_declaration and function.name.startswith("llvm.") \
                    and not list(function.attributes):
                from ..errors import TerraError
                raise TerraError(f"unknown LLVM intrinsic '{function.name}' (no intrinsic "
                                 "of that name takes these argument types)")

    def check_assembly(self, module) -> None:
        """Inline assembly LLVM cannot assemble ends the process (a fatal error,
        not an exception), so a module with some is assembled first in a fork."""
        import os
        read, write = os.pipe()
        child = os.fork()
        if child == 0:                       # the child: assemble, report, exit
            try:
                os.dup2(write, 2)
                self.target_machine.emit_object(module)
                os._exit(0)
            finally:
                os._exit(1)
        os.close(write)
        with os.fdopen(read, "rb") as messages:
            text = messages.read().decode("utf-8", "replace")
        _, status = os.waitpid(child, 0)
        if status != 0:
            from ..errors import TerraError
            raise TerraError("inline assembly does not assemble:\n" + text.strip())

    def address(self, symbol: str) -> int:
        address = self.engine.get_function_address(symbol)
        if not address:
            address = self.engine.get_global_value_address(symbol)
        return address

    def symbol_address(self, name: str) -> int:
        """Where a C symbol is in the process or a loaded library (0: nowhere)."""
        return self.llvm.address_of_symbol(name) or 0

    def register(self, symbol: str, address: int) -> None:
        self.llvm.add_symbol(symbol, address)

    def machine_code(self, ir_text: str) -> str:
        module = self.llvm.parse_assembly(ir_text)
        return self.target_machine.emit_assembly(module)


@functools.lru_cache(maxsize=1)
def jit() -> Jit:
    return Jit()
