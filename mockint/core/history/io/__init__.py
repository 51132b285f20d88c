"""core.history.io."""
