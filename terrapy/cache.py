"""Where terrapy keeps what it can reuse between runs (grammar tables,
translations, compiled C shims): $TERRAPY_CACHE, else $XDG_CACHE_HOME/terrapy."""
import os
import pathlib


def cache_dir(*parts: str) -> pathlib.Path:
    base = os.environ.get("TERRAPY_CACHE")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "terrapy")
    path = pathlib.Path(base, *parts)
    path.mkdir(parents=True, exist_ok=True)
    return path
