"""Platform-neutral core of articlebot: ingest, analysis, ranking and storage.

Nothing in this package imports the Discord library; it returns plain dataclasses that the
``bot`` package renders for Discord or the terminal.
"""
