"""Worker processes for batches (`lint` of several drafts, `mine` of a corpus): one per core, forked
on Linux so that they inherit what the parent has loaded, each with the parent's settings."""

from __future__ import annotations

import os
import sys


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
