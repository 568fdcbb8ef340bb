"""Audit: records every routing decision once and serves it back."""
