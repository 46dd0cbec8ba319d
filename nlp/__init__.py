"""Indonesian text normalisation and the transformer classifier (training, shipped model, inference)."""
