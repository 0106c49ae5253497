"""The README's Python example runs as written, beside a demo store made by the command."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO
from rasteragg.sdata import run_command


def test_readme_example_runs(tmp_path):
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index("\n## Python\n"):]
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    run_command(["demo", "-q", str(tmp_path / "rasteragg-demo")])
    done = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "sum_DAPI" in done.stdout and (tmp_path / "rasteragg-demo" / "demo.zarr" / "tables" / "py_table").is_dir()
