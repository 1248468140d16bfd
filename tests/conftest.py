"""Test settings live in the repository's top-level ``conftest.py`` (offline, Agg backend)."""
