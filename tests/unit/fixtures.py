"""Thresholds for rule tests: fixed here so that retuning the shipped model's defaults cannot change them."""

THRESHOLDS = {"endorsement": 0.7, "attack": 0.7, "political": 0.8, "hoax": 0.8, "hate_sara": 0.8}
