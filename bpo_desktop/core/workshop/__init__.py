"""Offline workshop facilitation: sessions and agenda, timeboxes, dot voting, the impact/effort
matrix, parking lot, actions and decisions, minutes and the breakout merge.

A core service like analysis or simulation: Qt-free, depends on the model only. Its data are
workspace records (`store.py`); edits go through `Modeling.put_record` in the caller.
"""
