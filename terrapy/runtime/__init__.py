"""The Lua VM side of terrapy (the only package that imports lupa)."""
