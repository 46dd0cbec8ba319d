"""Kafka plumbing: topic names, the Faust app, the dead-letter producer and the replay tool."""
