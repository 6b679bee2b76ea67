"""Writes of the surveillance app: cameras (through layers.services), fields of view, imports."""
