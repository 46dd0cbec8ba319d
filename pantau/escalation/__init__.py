"""Escalation to Bawaslu: policy, evidence, signed webhook delivery from a durable outbox."""
