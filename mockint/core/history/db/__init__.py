"""core.history.db."""
