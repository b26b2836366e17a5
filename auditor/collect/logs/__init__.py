"""The logs.pii collector: PII in logs (LOG-4, LOG-7) and other files (RET-6) with DEF-1/DEF-2."""
