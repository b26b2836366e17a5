"""dpp-auditor: clause-by-clause evidence that a system meets the Amazon Data Protection Policy."""

__version__ = "0.1.0"
