"""The tamper-evident audit log: a hash chain of every alert, triage decision, threshold change and escalation."""
