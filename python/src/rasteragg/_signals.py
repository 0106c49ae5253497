"""Keeps the Java VM's fault-signal handlers in place while it runs in this Python process.

HotSpot handles SIGSEGV, SIGBUS, SIGILL and SIGFPE itself: its compiled code turns a null
dereference into a NullPointerException and reaches safepoints through a faulting poll. Python's
faulthandler, when enabled before the VM starts (pytest's faulthandler plugin, ``python -X
faulthandler``), puts back the handler it found at enable() when disabled: the default one, over
HotSpot's. From then on the VM's next NullPointerException or safepoint poll, at the latest during
its shutdown at exit, kills the process with a bare "Segmentation fault" (exit status 139).

So the handlers the VM installed are read right after it starts and put back before each use and
at exit, before JPype shuts the VM down. The C ``struct sigaction`` is kept as opaque bytes, read
and written by the same libc; only its first field, the handler's address, is compared (glibc
copies just the kernel's part of the signal mask and leaves the rest of it unset).
"""
from __future__ import annotations

import atexit
import ctypes
import signal
import sys

# Larger than struct sigaction on the POSIX libcs we know of (glibc on x86-64 and arm64: 152 bytes; macOS: 16).
_STRUCT_BYTES = 512
_POINTER = ctypes.sizeof(ctypes.c_void_p)
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE") if hasattr(signal, name))

_libc = None
_saved: dict[int, bytes] = {}


def _sigaction():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.sigaction.argtypes = (ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
        _libc.sigaction.restype = ctypes.c_int
    return _libc.sigaction


def current(signum: int) -> bytes | None:
    """The process's handler for ``signum`` as the libc's struct sigaction bytes (None: unreadable)."""
    buf = ctypes.create_string_buffer(_STRUCT_BYTES)
    return buf.raw if _sigaction()(signum, None, buf) == 0 else None


def remember_vm_handlers() -> None:
    """Records the handlers the VM just installed and puts them back at exit (POSIX only)."""
    if sys.platform == "win32" or _saved:
        return
    try:
        for signum in _SIGNALS:
            handler = current(signum)
            if handler is not None:
                _saved[signum] = handler
    except (OSError, AttributeError):  # no libc sigaction to call: nothing can replace them either
        _saved.clear()
        return
    # Registered after JPype's own exit handler (imported before the VM started), so it runs first.
    atexit.register(restore_vm_handlers)


def same_handler(a: bytes | None, b: bytes | None) -> bool:
    """Whether two struct sigaction bytes name the same handler (the leading function pointer)."""
    return a is not None and b is not None and a[:_POINTER] == b[:_POINTER]


def restore_vm_handlers() -> list[int]:
    """Puts back every recorded handler that something replaced; returns those signals."""
    restored = []
    for signum, handler in _saved.items():
        if not same_handler(current(signum), handler):
            buf = ctypes.create_string_buffer(handler, _STRUCT_BYTES)
            if _sigaction()(signum, buf, None) == 0:
                restored.append(signum)
    return restored
