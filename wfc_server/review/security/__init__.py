"""Security rules: a Python taint engine, per-language structural rules, and the rule catalog.

The reviewer (:mod:`wfc_server.review.reviewers.security`) combines these with bandit and
detect-secrets; this package holds the parts that are ours.
"""
