"""fzwriter: drafting and checking assistant for the annual rule-of-law-government report."""

__version__ = "0.1.0"
