"""The domain: packs, backgrounder, interviewer, clock, rubric, storage, stats.

Nothing in this package may import textual (tests/test_architecture.py checks it).
"""
