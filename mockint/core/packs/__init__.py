"""Question packs: format v1 model, validation, readers, store, export."""
