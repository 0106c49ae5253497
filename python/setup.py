"""Builds the rasteragg Python package with the engine's jar inside it.

The jar is the shaded command jar cli/target/rasteragg.jar of this repository (core + zarr + cli).
It is rebuilt with the repository's Maven wrapper when it is missing or older than the Java sources;
RASTERAGG_JAR=/path/to/rasteragg.jar uses a jar built elsewhere. Works with Debian's setuptools,
without build isolation and without downloads (pip install ./python).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
JAR = REPO / "cli" / "target" / "rasteragg.jar"
MAVEN = ["-B", "-q", "-DskipTests", "package", "-pl", "cli", "-am"]
HINT = "./mvnw -B -DskipTests package -pl cli -am"


# Modules that the command jar does not contain: their changes need no rebuild.
NOT_IN_JAR = {"bench", "spark"}


def newest_java_source():
    """The newest modification time of the sources the jar is built from (0 outside a checkout)."""
    newest = 0.0
    for pom in REPO.glob("*/pom.xml"):
        if pom.parent.name in NOT_IN_JAR:
            continue
        newest = max(newest, pom.stat().st_mtime)
        for root, _, files in os.walk(pom.parent / "src" / "main"):
            for f in files:
                newest = max(newest, os.stat(os.path.join(root, f)).st_mtime)
    top = REPO / "pom.xml"
    return max(newest, top.stat().st_mtime) if top.exists() else newest


def engine_jar():
    """The jar to bundle: RASTERAGG_JAR, else the checkout's, rebuilt when missing or stale."""
    given = os.environ.get("RASTERAGG_JAR")
    if given:
        if not Path(given).is_file():
            sys.exit(f"rasteragg: RASTERAGG_JAR={given} is not a file")
        return Path(given)
    mvnw = REPO / "mvnw"
    if JAR.is_file() and (not mvnw.exists() or JAR.stat().st_mtime >= newest_java_source()):
        return JAR
    if not mvnw.exists():
        sys.exit(f"rasteragg: the engine jar {JAR} is missing and {REPO} is not a rasteragg checkout; "
                 f"build it there with `{HINT}` or set RASTERAGG_JAR to a built rasteragg.jar")
    print(f"rasteragg: building the engine jar ({'stale' if JAR.exists() else 'missing'}): {mvnw} {' '.join(MAVEN)}",
          file=sys.stderr)
    done = subprocess.run([str(mvnw), *MAVEN], cwd=REPO)
    if done.returncode != 0 or not JAR.is_file():
        sys.exit(f"rasteragg: building {JAR} failed (exit {done.returncode}); run `{HINT}` in {REPO} "
                 "to see why (it needs Java 17 and Maven Central), then install again")
    return JAR


class BuildWithJar(build_py):
    """build_py that also copies the engine jar into rasteragg/jars/."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "rasteragg" / "jars"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(engine_jar(), target / "rasteragg.jar")


setup(
    name="rasteragg",
    version="0.1.0",
    description="Per-label statistics of huge images on dask arrays: a drop-in for harpy's RasterAggregator",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.9",
    package_dir={"": "src"},
    packages=find_packages("src"),
    install_requires=["numpy", "pandas", "dask", "JPype1>=1.4"],
    extras_require={"zarr": ["zarr"], "test": ["pytest", "zarr", "scipy"]},
    cmdclass={"build_py": BuildWithJar},
    zip_safe=False,
)
