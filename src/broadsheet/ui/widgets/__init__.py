"""Widgets of the app. None of them does IO: they show data and post messages up."""
