"""The prototype's snapshot fingerprint, as ../shared/COMPAT.md states it, for tests to compare with.

Reads one snapshot root per line on stdin and answers each with its fingerprint on stdout: sha256
over every regular file in the order of sorted(root.rglob("*")) (pathlib compares paths component
by component), each as its relative POSIX path in UTF-8, a NUL, its bytes and a NUL.
"""
import hashlib
import sys
from pathlib import Path


def snapshot_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8"))
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


for line in sys.stdin:
    print(snapshot_fingerprint(Path(line.rstrip("\n"))), flush=True)
