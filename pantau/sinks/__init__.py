"""Adapters that write Pantau's outputs to external systems."""
