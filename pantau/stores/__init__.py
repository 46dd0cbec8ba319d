"""Shared state in Redis that must survive restarts and reach every worker: roster, candidates, thresholds."""
