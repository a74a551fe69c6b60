"""ssg: a static site generator for article archives, Arabic and right-to-left first."""

__version__ = "0.1.0"
