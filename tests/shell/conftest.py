"""Fixtures for the shell layer: a bare lupa LuaJIT runtime with `require "shell"` installed."""
import pytest
from lupa import luajit21

from terrapy.shell.lua_binding import install


# terrapy's runtime uses encoding=None; lupa's default (UTF-8) is the harder case for binary data.
@pytest.fixture(params=[None, "utf-8"], ids=["bytes-runtime", "utf8-runtime"])
def lua(request):
    runtime = luajit21.LuaRuntime(unpack_returned_tuples=True, encoding=request.param)
    install(runtime)
    runtime.execute(b"sh = require 'shell'")
    return runtime
