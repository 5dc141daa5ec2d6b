"""Install the Debian packages listed in system-packages.txt that are missing.

Runs apt-get only as root; otherwise it lists what is missing and exits 0 so
that the test run goes on (the tests that need a missing package skip,
naming it).
"""
import os
import pathlib
import subprocess
import sys

LIST = pathlib.Path(__file__).resolve().parent.parent / "system-packages.txt"


def listed_packages():
    names = []
    for line in LIST.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def is_installed(name):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                            capture_output=True, text=True)
    return result.returncode == 0 and "install ok installed" in result.stdout


def main():
    missing = [n for n in listed_packages() if not is_installed(n)]
    if not missing:
        return 0
    if os.geteuid() != 0:
        print("sysdeps: not root; missing packages (their tests will skip):",
              " ".join(missing))
        return 0
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env)
    if result.returncode != 0:
        print("sysdeps: apt-get failed; tests needing these will skip:", " ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
