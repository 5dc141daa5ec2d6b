"""terrapy: Lua + Terra (multi-stage, LLVM-compiled) in Python's ecosystem."""
__version__ = "0.1.0"
