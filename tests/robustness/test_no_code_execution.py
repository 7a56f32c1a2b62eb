"""No input is ever run as code: the package has no eval/exec/compile of strings, no pickle or
marshal, no shell commands. Checked on the syntax tree, so `dialog.exec()` (Qt's modal loop,
a method) is not confused with the builtin `exec`."""

from __future__ import annotations

import ast
from pathlib import Path

import bpo_desktop

PACKAGE = Path(bpo_desktop.__file__).parent
BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}
MODULE_CALLS = {
    ("pickle", "load"), ("pickle", "loads"), ("marshal", "load"), ("marshal", "loads"),
    ("shelve", "open"), ("yaml", "load"), ("os", "system"), ("os", "popen"),
    ("dill", "loads"), ("jsonpickle", "decode"),
}  # fmt: skip
DANGEROUS_MODULES = {"pickle", "marshal", "shelve", "dill", "jsonpickle", "yaml", "code"}


def _findings(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BUILTINS:
                found.append(f"{where}: {func.id}()")
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in MODULE_CALLS
            ):
                found.append(f"{where}: {func.value.id}.{func.attr}()")
            shells = [k for k in node.keywords if k.arg == "shell" and not _is_false(k.value)]
            found += [f"{where}: a subprocess with shell=" for _ in shells]
        elif isinstance(node, ast.Import):
            found += [
                f"{where}: import {a.name}" for a in node.names if a.name in DANGEROUS_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.module in DANGEROUS_MODULES:
            found.append(f"{where}: from {node.module} import …")
    return found


def _is_false(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is False


def test_the_package_never_runs_text_as_code() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 50  # the whole package, not an empty glob
    findings = [finding for path in files for finding in _findings(path)]
    assert findings == []


def test_the_scan_catches_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import pickle\nimport subprocess\n"
        "eval('1+1')\nexec('x = 1')\npickle.loads(b'')\n"
        "subprocess.run('ls', shell=True)\nwindow.exec()\n"
    )
    found = _findings(sample, tmp_path)
    assert [f.split(": ", 1)[1] for f in found] == [
        "import pickle",
        "eval()",
        "exec()",
        "pickle.loads()",
        "a subprocess with shell=",
    ]
