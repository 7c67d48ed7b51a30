"""The one error a build step raises (bad data is ``load.problems.DataError``)."""


class BuildError(Exception):
    """A build step failed; the message says which and why."""
