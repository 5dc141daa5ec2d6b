"""Shared test helpers (imported by name; a conftest.py would clash with tests/shell/conftest.py): run terrapy as a user would, and skip tests whose Debian
package is missing (naming it), per system-packages.txt."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_terrapy(*args, cwd=None, stdin=None, env=None, timeout=60):
    """Run `python -m terrapy args...`; returns the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    full_env.setdefault("TERRAPY_CACHE", str(ROOT / ".pytest_cache" / "terrapy-cache"))
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "terrapy", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=timeout)


def require_package(debian_package: str, command: str | None = None):
    """Skip unless a Debian package (or the command it provides) is present."""
    if command is not None and shutil.which(command):
        return
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", debian_package],
                            capture_output=True, text=True)
    if "install ok installed" not in status.stdout:
        pytest.skip(f"needs the Debian package '{debian_package}' (see system-packages.txt)")
