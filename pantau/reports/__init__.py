"""Citizen reports ("warga bisa melaporkan"): pure logic for the public report channel.

`intake` validates what a reporter or a partner channel sends, `codes` makes and checks tracking codes,
`challenge` is the built-in proof-of-work, `case` turns a report into an event, an alert and a public status.
None of these import a Kafka or Redis client: the store is `pantau/stores/reports.py`.
"""
