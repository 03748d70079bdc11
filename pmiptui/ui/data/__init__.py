"""What the console shows, computed without Textual: view tables, filters, diffs, router state.

Everything here is importable (and tested) without loading Textual; the heavy parts run in
thread workers.
"""
