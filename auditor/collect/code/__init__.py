"""Collectors that read source code and deployed application configuration."""
