"""The in-process Java VM that runs the rasteragg engine (through JPype).

The VM starts once per Python process, on first use, with the engine's jar on the class path, the
vector module (SIMD kernel) and a heap bound. JPype cannot restart a VM, so a failed start is kept
and raised again on every later use.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import threading
from pathlib import Path

from . import _signals

# The heap bound when nothing else is asked for: half the memory the machine (or container) gives,
# the other half left to Python and dask's chunks.
DEFAULT_HEAP_OPTION = "-XX:MaxRAMPercentage=50"
REQUIRED_OPTIONS = ("--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true")
MIN_JAVA = 17


class JavaNotFoundError(RuntimeError):
    """No usable Java 17+ was found through JAVA_HOME or PATH."""


class JVMStartError(RuntimeError):
    """The Java VM could not be started (bad options, wrong Java, JPype missing)."""


_lock = threading.Lock()
_failure: BaseException | None = None
_config: dict = {"max_heap": None, "options": None}


def configure(max_heap: str | None = None, options: list[str] | None = None) -> None:
    """Sets the VM's heap bound ("8g") and extra options before it starts (first rasteragg call).

    The environment variable RASTERAGG_JAVA_OPTS adds options too (shell syntax).
    """
    import jpype

    if jpype.isJVMStarted():
        raise JVMStartError("the Java VM is already running; call rasteragg.configure() before the first "
                            "RasterAggregator is used")
    if max_heap is not None and not re.fullmatch(r"\d+[kKmMgGtT]?", str(max_heap)):
        raise ValueError(f"max_heap={max_heap!r} is not a heap size such as '4g' or '512m'")
    _config["max_heap"] = max_heap
    _config["options"] = list(options) if options else None


def jar_path() -> Path:
    """The engine jar: RASTERAGG_JAR, else the one installed inside the package."""
    given = os.environ.get("RASTERAGG_JAR")
    jar = Path(given) if given else Path(__file__).resolve().parent / "jars" / "rasteragg.jar"
    if not jar.is_file():
        raise JVMStartError(f"the rasteragg engine jar {jar} is missing"
                            + (" (RASTERAGG_JAR)" if given else "; reinstall the package with pip install ./python "
                               "from a rasteragg checkout"))
    return jar


def _libjvm_in(home: Path) -> Path | None:
    names = {"linux": "libjvm.so", "darwin": "libjvm.dylib", "win32": "jvm.dll"}
    name = names.get(sys.platform, "libjvm.so")
    for sub in ("lib/server", "bin/server", "lib", "jre/lib/server", "jre/lib/amd64/server"):
        candidate = home / sub / name
        if candidate.is_file():
            return candidate
    return None


def _java_version(home: Path) -> int | None:
    """The feature version from the Java home's release file (None where it has none)."""
    release = home / "release"
    if not release.is_file():
        return None
    m = re.search(r'^JAVA_VERSION="(\d+)(?:\.(\d+))?', release.read_text(errors="replace"), re.M)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def find_libjvm(environ=None) -> Path:
    """The Java VM library of JAVA_HOME, else of the `java` on PATH.

    :raises JavaNotFoundError: naming what was looked at
    """
    env = os.environ if environ is None else environ
    java_home = env.get("JAVA_HOME")
    if java_home:
        home = Path(java_home)
        where = f"JAVA_HOME={java_home}"
    else:
        java = shutil.which("java", path=env.get("PATH", os.defpath))
        if java is None:
            raise JavaNotFoundError("rasteragg needs Java 17 or newer, but JAVA_HOME is not set and there is no "
                                    "`java` on PATH; install a JDK or JRE (e.g. apt-get install "
                                    "openjdk-17-jre-headless) or set JAVA_HOME to one")
        home = Path(os.path.realpath(java)).parent.parent
        where = f"`java` on PATH ({java} -> {home})"
    libjvm = _libjvm_in(home)
    if libjvm is None:
        raise JavaNotFoundError(f"no Java VM library (libjvm) under {home}, found through {where}; point JAVA_HOME "
                                f"at a Java {MIN_JAVA}+ JDK or JRE")
    version = _java_version(home)
    if version is not None and version < MIN_JAVA:
        raise JavaNotFoundError(f"rasteragg needs Java {MIN_JAVA} or newer, but {where} is Java {version}")
    return libjvm


# A heap below this makes the VM exit the whole process during its start ("Too small maximum heap").
MIN_HEAP_BYTES = 64 << 20
_SIZE = re.compile(r"(\d+)([kKmMgGtT]?)")


def jvm_options() -> list[str]:
    """The options the VM starts with: the required ones, the heap bound, then the user's.

    :raises JVMStartError: for a heap bound so small that the VM would end the process
    """
    opts = list(REQUIRED_OPTIONS)
    user = list(_config["options"] or []) + shlex.split(os.environ.get("RASTERAGG_JAVA_OPTS", ""))
    if _config["max_heap"]:
        opts.append("-Xmx" + str(_config["max_heap"]))
    elif not any(o.startswith(("-Xmx", "-XX:MaxRAM")) for o in user):
        opts.append(DEFAULT_HEAP_OPTION)
    for o in opts + user:
        m = _SIZE.fullmatch(o[4:]) if o.startswith("-Xmx") else None
        if m and int(m.group(1)) * 1024 ** " kmgt".index((m.group(2) or " ").lower()) < MIN_HEAP_BYTES:
            raise JVMStartError(f"the Java VM option {o} leaves the engine less than 64 MB of heap; give more "
                                "(rasteragg.configure(max_heap='4g') or RASTERAGG_JAVA_OPTS)")
    return opts + user


# The GPU engine calls the CUDA driver through Java 17's incubating foreign-function API, which Java 21
# replaced; on other versions run_on_gpu=True runs on the CPU, as harpy does without a GPU stack.
GPU_OPTIONS = ("--add-modules=jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED")


def gpu_options(libjvm: Path) -> list[str]:
    """The options the GPU engine needs, for the Java (17 to 20) that ``libjvm`` belongs to."""
    home = libjvm.parent
    while home != home.parent and not (home / "release").is_file():
        home = home.parent
    version = _java_version(home)
    return list(GPU_OPTIONS) if version is not None and 17 <= version <= 20 else []


def _jpype_support_jar() -> list[str]:
    """JPype's own org.jpype.jar where the distribution moved it away from the module (Debian)."""
    import _jpype

    beside = Path(_jpype.__file__).resolve().parent / "org.jpype.jar"
    if beside.is_file():
        return []
    for candidate in (Path(sys.prefix) / "share" / "java" / "org.jpype.jar", Path("/usr/share/java/org.jpype.jar")):
        if candidate.is_file():
            return [str(candidate)]
    return []


def ensure_started():
    """Starts the VM on first use; returns the jpype module.

    :raises JavaNotFoundError: no Java found
    :raises JVMStartError: the VM did not start (also on every later call)
    """
    global _failure
    with _lock:
        if _failure is not None:
            raise _failure
        try:
            import jpype
        except ImportError as e:
            _failure = JVMStartError("rasteragg needs JPype (Debian: apt-get install python3-jpype; "
                                     f"elsewhere: pip install JPype1): {e}")
            raise _failure from e
        if jpype.isJVMStarted():
            _check_engine_classes(jpype)
            _signals.restore_vm_handlers()
            return jpype
        try:
            libjvm = find_libjvm()
            jar = jar_path()
            options = jvm_options() + gpu_options(libjvm)
            try:
                jpype.startJVM(str(libjvm), *options, classpath=[str(jar), *_jpype_support_jar()],
                               convertStrings=False)
            except Exception as e:  # JPype raises OSError, RuntimeError or SystemError
                reason = str(e).strip()
                raise JVMStartError(f"cannot start the Java VM {libjvm} with options {options}: {reason} "
                                    "(the VM prints its reason on stderr)") from e
            _signals.remember_vm_handlers()
            _daemon_if_not_main(jpype)
            _quiet_java_logging(jpype)
            _check_engine_classes(jpype)
        except (JavaNotFoundError, JVMStartError) as e:
            _failure = e
            raise
        return jpype


def _daemon_if_not_main(jpype):
    # The thread that creates the VM is attached to it as a user thread, which the VM's shutdown at
    # interpreter exit waits for. Started from a worker thread (a napari or dask worker, a thread
    # pool) that thread is never detached, and the process would hang at exit; as a daemon, like
    # every other thread JPype attaches, it does not hold the shutdown.
    if threading.current_thread() is not threading.main_thread():
        thread = jpype.JClass("java.lang.Thread")
        thread.detach()
        thread.attachAsDaemon()


def _quiet_java_logging(jpype):
    # The engine's warnings reach the user through Python's logging (rasteragg logger); keep
    # java.util.logging's copies off stderr.
    logger = jpype.JClass("java.util.logging.Logger").getLogger("")
    logger.setLevel(jpype.JClass("java.util.logging.Level").SEVERE)


def _check_engine_classes(jpype):
    try:
        jpype.JClass("org.rasteragg.core.RasterAggregator")
    except Exception as e:
        raise JVMStartError("a Java VM is already running in this process without the rasteragg engine on its "
                            "class path (another package started it); start rasteragg first, or add "
                            f"{jar_path()} to that VM's class path") from e
