"""Builders of events and local copies for the tests of this service (and its benchmark)."""
