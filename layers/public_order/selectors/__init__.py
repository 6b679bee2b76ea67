"""Reads of the public-order app."""
