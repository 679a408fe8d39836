"""Routers, one per area of work."""
