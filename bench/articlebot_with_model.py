"""``articlebot`` with another sentence-encoder folder than the shipped one (not product
code): for measuring a candidate model with the product's own pipeline.

    .venv/bin/python bench/articlebot_with_model.py MODEL_DIR eval --db LIB questions.jsonl

MODEL_DIR holds ``model.safetensors`` and ``tokenizer.json`` (bench/finetune_encoder.py
writes one). index/encoder.py reads its default folder when a model is loaded, and the
vector worker process loads the folder the parent's encoder came from, so both use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import encoder

if __name__ == "__main__":
    encoder.MODEL_DIR = Path(sys.argv[1]).resolve()
    from bot.cli import main

    sys.exit(main(sys.argv[2:]))
