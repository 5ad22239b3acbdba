"""Screens and modals of the review app, one per module."""
