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


def main() -> None:
    try:
        signal.signal(signal.SIGINT, _early_interrupt)
    except ValueError:  # not the main thread
        pass
    from . import rxcache

    # before the imports that compile patterns at module level; a file per command (its own patterns)
    rxcache.install(next((a for a in sys.argv[1:2] if not a.startswith("-")), "misc"))
    from .cli import main as cli_main  # installs its own handler, which cleans up outputs

    import gc

    # what the imports built lives as long as the process: the collector need not walk it again at
    # every full collection (~5 ms of a 20-page lint)
    gc.freeze()

    cli_main()


if __name__ == "__main__":
    main()
