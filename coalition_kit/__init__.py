"""Coalition Kit: a coalition's YAML data -> public website + printable program notebook."""

__version__ = "0.1.0"
