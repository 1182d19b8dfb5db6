"""Differential tester against a real WordPress: see __main__.py and README "Fidelity"."""
