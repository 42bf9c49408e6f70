"""The PostgreSQL backend: every replica shares projects, reviews, events, leases and limits."""
