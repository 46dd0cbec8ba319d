"""Pantau: real-time election social-media monitoring (ASN neutrality, hoaxes, SARA hate speech)."""

__version__ = "0.1.0"
