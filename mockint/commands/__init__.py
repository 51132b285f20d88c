"""Click sub-commands, one module per area; each stays a thin layer over mockint.core."""
