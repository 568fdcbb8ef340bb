"""Triage: tags behavioral-health and property calls and picks the response."""
