"""Worker processes for batches (`lint` of several drafts, `mine` of a corpus): at most one per core,
one per idle core by default, forked on Linux so that they inherit what the parent has loaded, each
with the parent's settings."""

from __future__ import annotations

import os
import sys


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# a batch of fewer files than this is checked in this process: forking workers and warming them
# costs about what one 20-page draft does, and a batch this small has little to spread
SMALL_BATCH = 4


def idle_cores() -> int:
    """The cores not already busy: the available ones less the load of the last minute (other
    users' work on a shared machine). A worker on a busy core only halves both."""
    n = cores()
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):  # not on this system
        return n
    return max(1, min(n, n - int(load)))


def workers(requested: int | None, files: int) -> int:
    """Worker processes for `files` files: at most one per core whatever was asked (--jobs 200 would
    start 200 processes for 2 cores), by default one per idle core, and none besides this process for
    a small batch."""
    if requested:
        return max(1, min(requested, cores(), files))
    if files < SMALL_BATCH:
        return 1
    return max(1, min(idle_cores(), files))


def pool(jobs: int):
    """A process pool of `jobs` workers carrying the user's checklist folder and reader limits (a
    spawned worker would otherwise start from the defaults)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import checklists
    from .reader import limits

    ctx = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                               initargs=(checklists.user_folder(), limits.current()))


def _worker_init(folder, limits_in_force) -> None:
    import gc
    import signal

    from . import checklists
    from .reader import limits

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # forked from `serve`, a worker inherits the web server's SIGTERM handler, which only sets a flag:
    # the pool's terminate() must end it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # the parent may fork with its collector off (mine, while it tallies): on again here; what the
    # worker inherited (modules, compiled rules, checklists, the segmenter's table) is never garbage:
    # set aside, the collector's passes skip it and do not copy its pages
    gc.enable()
    gc.freeze()
    if checklists.user_folder() != folder:  # spawned, not forked: loaded here from the same files
        checklists.use_folder(folder)
    if limits.current() != limits_in_force:
        limits.use(limits_in_force)
