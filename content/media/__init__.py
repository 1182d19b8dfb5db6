"""Attachments: /wp/v2/media (serializer, arguments, policies and viewset)."""
