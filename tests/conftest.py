"""Shared test settings: a non-interactive matplotlib backend for helper tests."""

import matplotlib

matplotlib.use("Agg")
