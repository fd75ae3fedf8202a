#!/usr/bin/env python3
"""Verify this training folder with the checker every folder shares (../check_train.py)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from check_train import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
