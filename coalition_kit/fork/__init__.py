"""Start a new coalition from the default data: ``coalition new``."""
