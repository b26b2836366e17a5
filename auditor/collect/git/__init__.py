"""git.history: attributable commits, signatures and a whole-history secrets scan per repository."""
