"""Reads and analyses of the surveillance app: targets, coverage, who-sees, placement, exports."""
