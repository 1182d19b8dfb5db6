"""The REST core has no models."""
