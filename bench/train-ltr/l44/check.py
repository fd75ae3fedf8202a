#!/usr/bin/env python3
"""Verify this training folder with the checker every data set shares (tests/data/check_set.py)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tests", "data"))
from check_set import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE, training=True))
