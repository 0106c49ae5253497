"""Finding Java and starting the VM, failing cleanly. JPype starts one VM per process, so every
start that must fail runs in a fresh Python process."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rasteragg import _jvm

TRY_TWICE = textwrap.dedent("""
    import numpy as np, rasteragg
    for attempt in range(2):
        try:
            rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int32)).aggregate_area()
            print("started")
        except (rasteragg.JavaNotFoundError, rasteragg.JVMStartError) as e:
            print(type(e).__name__ + ": " + str(e))
    print("alive")
""")


def run_python(env_changes, code=TRY_TWICE):
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "RASTERAGG_JAVA_OPTS")}
    env.update(env_changes)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_java_home_without_a_java_fails_cleanly_twice(tmp_path):
    lines = run_python({"JAVA_HOME": str(tmp_path / "no-java")})
    assert lines[-1] == "alive"
    assert lines[0].startswith("JavaNotFoundError: no Java VM library (libjvm) under ")
    assert f"JAVA_HOME={tmp_path / 'no-java'}" in lines[0]
    assert lines[1] == lines[0]  # the same error again, not a half-started VM


def test_no_java_home_and_no_java_on_path_fails_cleanly(tmp_path):
    lines = run_python({"PATH": str(tmp_path)})
    assert lines[0] == ("JavaNotFoundError: rasteragg needs Java 17 or newer, but JAVA_HOME is not set and there "
                        "is no `java` on PATH; install a JDK or JRE (e.g. apt-get install openjdk-17-jre-headless) "
                        "or set JAVA_HOME to one")
    assert lines[-1] == "alive"


def test_a_vm_that_refuses_its_options_fails_cleanly():
    lines = run_python({"RASTERAGG_JAVA_OPTS": "-XX:+NoSuchOptionAnywhere"})
    assert lines[0].startswith("JVMStartError: cannot start the Java VM ")
    assert "-XX:+NoSuchOptionAnywhere" in lines[0]
    assert lines[1] == lines[0]
    assert lines[-1] == "alive"


def test_a_heap_too_small_for_the_vm_is_refused_before_it_ends_the_process():
    lines = run_python({"RASTERAGG_JAVA_OPTS": "-Xmx1k"})
    assert lines[0].startswith("JVMStartError: the Java VM option -Xmx1k leaves the engine less than 64 MB")
    assert lines[-1] == "alive"


def test_the_vm_starts_with_the_vector_module_and_the_default_heap_bound():
    code = textwrap.dedent("""
        import numpy as np, rasteragg
        rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int32)).aggregate_area()
        import jpype
        args = list(jpype.JClass("java.lang.management.ManagementFactory").getRuntimeMXBean().getInputArguments())
        print([str(a) for a in args])
        print(jpype.JClass("java.lang.ModuleLayer").boot().findModule("jdk.incubator.vector").isPresent())
    """)
    lines = run_python({}, code)
    assert "--add-modules=jdk.incubator.vector" in lines[0] and "-XX:MaxRAMPercentage=50" in lines[0]
    assert lines[1] == "True"


def fake_java_home(root: Path, version: str) -> Path:
    (root / "lib" / "server").mkdir(parents=True)
    (root / "lib" / "server" / "libjvm.so").write_bytes(b"")
    (root / "bin").mkdir()
    java = root / "bin" / "java"
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)
    (root / "release").write_text(f'JAVA_VERSION="{version}"\n')
    return root


@pytest.mark.skipif(sys.platform != "linux", reason="libjvm.so layout")
def test_java_is_found_through_java_home_then_path(tmp_path):
    home = fake_java_home(tmp_path / "jdk", "21.0.2")
    assert _jvm.find_libjvm({"JAVA_HOME": str(home)}) == home / "lib" / "server" / "libjvm.so"
    assert _jvm.find_libjvm({"PATH": str(home / "bin")}) == home / "lib" / "server" / "libjvm.so"


@pytest.mark.skipif(sys.platform != "linux", reason="libjvm.so layout")
def test_a_java_older_than_17_is_refused_by_name(tmp_path):
    home = fake_java_home(tmp_path / "jdk8", "1.8.0_392")
    with pytest.raises(_jvm.JavaNotFoundError, match=r"needs Java 17 or newer, but JAVA_HOME=.* is Java 8"):
        _jvm.find_libjvm({"JAVA_HOME": str(home)})



# pytest's faulthandler plugin (and python -X faulthandler) enables faulthandler before the VM starts;
# disabling it puts the default SIGSEGV handler back over HotSpot's, and the VM's next implicit null
# check or safepoint poll then kills the process (a bare exit status 139, seen at interpreter exit).
FAULTHANDLER_BEFORE_THE_VM = textwrap.dedent("""
    import atexit, faulthandler, signal
    faulthandler.enable()
    import jpype  # JPype's exit handler first: the check below runs after rasteragg's and before JPype's
    import numpy as np, rasteragg
    from rasteragg import _signals
    vm = {}
    def check_at_exit():
        print("at exit, the VM's handler:", _signals.same_handler(_signals.current(signal.SIGSEGV), vm["segv"]), flush=True)
    atexit.register(check_at_exit)
    rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int64)).aggregate_area()
    vm["segv"] = _signals.current(signal.SIGSEGV)
    faulthandler.disable()
    print("after disable, the VM's handler:", _signals.same_handler(_signals.current(signal.SIGSEGV), vm["segv"]), flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signal handlers")
def test_the_next_use_after_a_faulthandler_disable_puts_the_vm_handlers_back():
    code = FAULTHANDLER_BEFORE_THE_VM + textwrap.dedent("""
        rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int64)).aggregate_area()
        print("after the next use, the VM's handler:", _signals.same_handler(_signals.current(signal.SIGSEGV), vm["segv"]), flush=True)
        try:
            jpype.JClass("java.util.ArrayList")().addAll(None)  # an implicit null check: a SIGSEGV in the VM
        except Exception as e:
            print("caught", type(e).__name__.rsplit(".", 1)[-1], flush=True)
    """)
    assert run_python({}, code) == ["after disable, the VM's handler: False",  # the hazard is real here
                                    "after the next use, the VM's handler: True",
                                    "caught NullPointerException",  # not a segmentation fault
                                    "at exit, the VM's handler: True"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signal handlers")
def test_the_vm_handlers_are_back_at_exit_before_the_vm_shuts_down():
    # nothing uses rasteragg after the disable (as at the end of a pytest run): the exit handler restores
    assert run_python({}, FAULTHANDLER_BEFORE_THE_VM) == ["after disable, the VM's handler: False",
                                                          "at exit, the VM's handler: True"]


@pytest.mark.parametrize("daemon", [False, True])
@pytest.mark.parametrize("main_uses_it", [False, True])
def test_a_vm_started_on_a_worker_thread_does_not_hold_the_exit(daemon, main_uses_it):
    # the thread that creates the VM is its user thread, which the VM's shutdown waits for; a worker
    # thread (napari's, a pool's) is never detached, so the process hung at exit when the main
    # thread had not used Java itself
    code = textwrap.dedent(f"""
        import threading, numpy as np, rasteragg
        def first_use():
            rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int64)).aggregate_area()
            import jpype
            print("daemon:", jpype.JClass("java.lang.Thread").currentThread().isDaemon(), flush=True)
        worker = threading.Thread(target=first_use, daemon={daemon})
        worker.start(); worker.join()
        if {main_uses_it}:
            rasteragg.RasterAggregator(np.zeros((1, 2, 2), np.int64)).aggregate_area()
        print("exiting", flush=True)
    """)
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "RASTERAGG_JAVA_OPTS")}
    try:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"the process did not exit within 60 s; it printed {e.stdout!r}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["daemon: True", "exiting"]
