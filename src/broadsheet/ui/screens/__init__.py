"""Screens: each coordinates its widgets and runs the workers that call the library."""
