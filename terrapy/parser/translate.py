"""The translation pass: `.t` source text -> `Translation` (plain Lua text,
line-aligned with the source, plus the chunk's untyped terra trees).

The Lua text refers to its trees through `__T`, a table the runtime makes for
the chunk (`local __T = terralib._chunk(key)`, put on line 1 so no line moves).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .grammar import parse
from .luaemit import LuaEmitter
from .terrabuild import TerraBuilder

@dataclass
class Translation:
    key: str                  # identifies the chunk's trees in the runtime
    chunkname: str
    lua: str                  # plain Lua
    trees: list               # trees.Node, indexed by the emitted calls
    ran_code: bool = False    # an `import` ran Lua at parse time: never cache


@dataclass
class Chunk:
    """What the emitter and the builder share while translating one chunk."""
    text: str
    chunkname: str
    importer: object = None
    trees: list = field(default_factory=list)
    uses_runtime: bool = False
    ran_code: bool = False
    builder: TerraBuilder = None

    def imported(self, name: str, node) -> None:
        self.ran_code = True
        if self.importer is not None:
            self.importer(name)


def translate(text: str, chunkname: str, key: str, importer=None) -> Translation:
    """Parse and translate; raise TerraSyntaxError on bad input.

    `key` names the chunk's trees for the runtime (runtime/loading.chunk_key);
    `importer(name)` runs an `import "name"` at parse time (it calls `require`).
    """
    tree = parse(text, chunkname)
    chunk = Chunk(text=_shebang_free(text), chunkname=chunkname, importer=importer)
    chunk.builder = TerraBuilder(chunk)
    block = tree.children[0]
    body = LuaEmitter(chunk).statements(block)
    if block.meta.empty:
        lua = chunk.text
    else:   # comments and blank lines around the statements keep the lines aligned
        lua = chunk.text[:block.meta.start_pos] + body + chunk.text[block.meta.end_pos:]
    if chunk.uses_runtime:
        lua = f"local __T = terralib._chunk({key!r});" + lua
    return Translation(key, chunkname, lua, chunk.trees, chunk.ran_code)


def _shebang_free(text: str) -> str:
    from .grammar import blank_shebang
    return blank_shebang(text)
