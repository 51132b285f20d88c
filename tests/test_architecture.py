"""The domain never imports the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import mockint.core


def test_core_never_imports_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(mockint.core.__path__, "mockint.core.")]
    assert len(modules) >= 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in textual: {out.stdout}"


def test_version_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from mockint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.startswith("mockint, version")
    assert out.stderr.strip().endswith("False")
