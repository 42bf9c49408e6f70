"""wfc-server: self-hosted, multi-tenant code review as a service."""

__version__ = "1.0.0"
