"""The `pantau` command line."""
