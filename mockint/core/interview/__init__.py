"""core.interview."""
