"""People: who they are, how to find them, and the one place they are written."""
