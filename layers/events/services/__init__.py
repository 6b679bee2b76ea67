"""Writes of the events app: filing, review, the assessment (each write one transaction)."""
