"""cnet: a private, local record of who you really know, and how."""

__version__ = "0.1.0"
