"""The monitoring web service: HTTP API (and, later, the staff UI) over Pantau's shared state in Redis."""
