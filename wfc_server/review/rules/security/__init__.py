"""Security rules: one module per rule concept."""
