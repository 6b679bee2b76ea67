"""Reads of the events app: events as the caller may see them, and the surroundings the assessment reads."""
