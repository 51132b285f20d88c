"""mockint: a terminal mock-interview simulator for product people."""

__version__ = "0.1.0"
