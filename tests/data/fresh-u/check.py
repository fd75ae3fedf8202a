#!/usr/bin/env python3
"""Verify fresh-u with the checker every data set shares (tests/data/check_set.py)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from check_set import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE, id_prefix="u"))
