"""`pantau bench`: throughput and latency of the real pipeline (broker → workers → Redis) against the bare
model (the ceiling) and a one-event-at-a-time pipeline (the floor)."""
