"""The review engine: ``ReviewEngine`` runs reviews; ``validate_diff``/``validate_ref`` check input."""

from wfc_server.review.diff import validate_diff, validate_ref
from wfc_server.review.engine import ReviewEngine

__all__ = ["ReviewEngine", "validate_diff", "validate_ref"]
