"""Faust agents: thin glue from Kafka streams to the batch processor."""
