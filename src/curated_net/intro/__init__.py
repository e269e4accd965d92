"""Introductions: drafting with colour and context, double opt-in, and their life from request to outcome."""
