"""Fictional demo authorities: organisation, profile and a scripted run of events."""
