"""Writes of the nlp app (analysis, corrections, training, duplicates, spikes)."""
