"""core.history."""
