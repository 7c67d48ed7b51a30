"""The one error a build step raises (bad data is ``load.problems.DataError``), and stopping cleanly."""

from __future__ import annotations

import signal


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def interrupt_on_sigterm() -> None:
    """Handle SIGTERM (a CI runner cancelling a job) like Ctrl+C: clean up, then stop."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
