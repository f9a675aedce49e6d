"""Bounds on work that a user's files decide: CPU time (a template's loops, a checklist's patterns)
and memory (what a template builds). Each bound ends the work with an exception the caller turns into
a Chinese message naming the file; none changes what the work does when it stays inside it."""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager


class OverBudget(BaseException):
    """The CPU time given to a piece of work ran out. A BaseException: code that catches Exception on
    the way (a rule's own fallbacks) must not swallow it."""

    def __init__(self, seconds: float):
        super().__init__(seconds)
        self.seconds = seconds


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def cpu_budget(seconds: float | None):
    """Raise OverBudget in this block once the process has spent `seconds` of CPU time in it (user and
    system: a shared machine's load does not count against the work). Python's regular-expression
    engine checks for signals while it backtracks, so a runaway pattern is stopped too. A no-op
    outside the main thread or where timers do not exist (Windows), and for None."""
    if not seconds or not _can_time():
        yield
        return

    def expired(signum, frame):
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _address_space() -> int | None:
    """The bytes of address space this process holds now (Linux), or None."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@contextmanager
def memory_headroom(extra: int):
    """Within this block, allocations past `extra` more bytes of address space fail with MemoryError
    instead of taking the machine's memory. A no-op where the limit cannot be set."""
    try:
        import resource
    except ImportError:  # Windows
        yield
        return
    now = _address_space()
    if now is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = now + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already bounded at least as tightly
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
