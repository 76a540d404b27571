"""Shared helpers (a layer)."""
