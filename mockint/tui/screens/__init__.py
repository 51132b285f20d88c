"""One module (and .tcss) per screen. Screens are registered by name in `mockint/tui/registry.py`."""
