"""Writes of the public-order app (inside transactions)."""
