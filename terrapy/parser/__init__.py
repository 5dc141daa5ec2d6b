"""Parsing and translation of `.t` source (see translate.py)."""
