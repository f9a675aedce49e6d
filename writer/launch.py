"""The console entry point: Ctrl-C is handled before anything heavy is imported, so an interrupt in
the first milliseconds (while typer, click and the rest load) ends quietly like a later one."""

from __future__ import annotations

import os
import signal
import sys


def _early_interrupt(signum, frame) -> None:
    try:
        sys.stderr.write("\nfzwriter：已中止（Ctrl-C）\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(130)  # nothing is written yet: no output to clean up, no traceback from a half import


# set by main(): the command runs in a process of its own, which ends with it (through leave), so
# what the command leaves behind need not be freed (engine.lint_paths(exiting=...)); False when the
# CLI runs inside another program (tests call it in-process)
OWN_PROCESS = False


def main() -> None:
    global OWN_PROCESS
    OWN_PROCESS = True
    try:
        signal.signal(signal.SIGINT, _early_interrupt)
    except ValueError:  # not the main thread
        pass
    # the imports build objects that live as long as the process: the collector would walk them
    # again and again while they load (~5 ms), and at every full collection after (~5 ms of a lint)
    cli_main = for_good(_imports)
    try:
        cli_main()
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


def _imports():
    from . import rxcache

    # before the imports that compile patterns at module level; a file per command (its own patterns)
    rxcache.install(next((a for a in sys.argv[1:2] if not a.startswith("-")), "misc"))
    from .cli import main as cli_main  # installs its own handler, which cleans up outputs

    return cli_main


def for_good(build):
    """`build()`, run with the collector off, for what it builds lives as long as the process (the
    imports, the checklists); what it built is then set apart from the collector's generations
    (gc.freeze), so no later collection walks it either."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        return build()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def leave(code) -> None:
    """End the process once the command is done: the exit handlers run (caches saved, temporary
    folders removed, workers ended) and the streams are flushed, then the process ends without
    freeing its objects one by one, which a normal exit does and which cost 8-20 ms of a lint.
    While another thread still runs (the page's server), or for an exit that is not a number, the
    normal exit."""
    threading = sys.modules.get("threading")
    if not (code is None or isinstance(code, int)) or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except OSError as exc:  # results still buffered that cannot be written: said as the CLI says it
        from .cli import _output_failed

        try:
            _output_failed(exc)
        except SystemExit as failed:
            code = failed.code
    except ValueError:  # closed
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
