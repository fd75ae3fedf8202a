"""The cross-encoder: a question and one candidate sentence read together, scored by a
small BERT, to reorder the first few candidates of the learned order.

Why: the learned reranker (index/learned_rank.py) sees the question and a sentence as
words held and as two vectors encoded apart. Most answerable questions it gets wrong have
the right sentence second or third in the right article, beside one that holds as many
of the question's words and is as close in meaning: what tells them apart is which of
the sentence's words answer which of the question's ("who closed the road" against a
sentence where the road closed someone's shop). A model that attends across the two
texts at once can read that; vectors computed apart cannot.

The model is the shipped sentence encoder's architecture (index/encoder.py) with token
types (question 0, sentence 1) and a linear head on the mean of the last layer's states;
its word table is the sentence encoder's own (it was kept frozen in training), so only
the other tensors ship, in ``index/cross_model/`` (package data; NOTICE there says how it
was trained, bench/cross_encoder.py how to rebuild it). Nothing is downloaded; when the
files are missing or unreadable the reorder is off and one log line says why.

On unless ``ARTICLEBOT_CROSS_ENCODER=0``; used only where the learned reranker orders
(semantic ranking on, not "what did X say").
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .encoder import Encoder, _f32

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "cross_model"
WEIGHTS = "model.safetensors"
SWITCH = "ARTICLEBOT_CROSS_ENCODER"
# A question and a sentence together: news sentences are rarely longer, and a longer one
# is judged by its first words (the tokenizer drops the longer text's tail first).
MAX_PAIR_TOKENS = 128


class CrossEncoder(Encoder):
    """``score(question, texts)``: one number per text, higher is a better answer. Its
    layers are held in float32 beside the sentence encoder's (the word table is shared),
    as the encoder holds its own."""

    def __init__(
        self,
        tensors: dict[str, NDArray[Any]],
        tokenizer: Any,
        *,
        heads: int,
        layer_norm_eps: float = 1e-12,
    ) -> None:
        super().__init__(
            tensors,
            tokenizer,
            heads=heads,
            layer_norm_eps=layer_norm_eps,
            max_length=MAX_PAIR_TOKENS,
        )
        self._positions = _f32(tensors["embeddings.position_embeddings.weight"])
        self._types = _f32(tensors["embeddings.token_type_embeddings.weight"])
        self._head_w = _f32(tensors["head.weight"]).reshape(-1)
        self._head_b = float(np.asarray(tensors["head.bias"]).reshape(-1)[0])
        if self._head_w.shape != (self.dim,):
            raise ValueError(f"head.weight has {self._head_w.shape}, expected ({self.dim},)")

    @classmethod
    def load_beside(cls, encoder: Encoder, path: str | Path | None = None) -> CrossEncoder | None:
        """The cross-encoder in ``path`` (default: the shipped one), sharing ``encoder``'s
        word table and tokenizer file; ``None`` (the reason logged) when switched off,
        missing or unreadable."""
        if os.environ.get(SWITCH, "1").strip() == "0":
            return None
        folder = MODEL_DIR if path is None else Path(path)
        weights = folder / WEIGHTS
        # The word table and tokenizer are the sentence encoder's: one built in memory (a
        # test's stand-in) has no folder to read the tokenizer from.
        vocab_folder = getattr(encoder, "folder", None)
        if vocab_folder is None or not hasattr(encoder, "_word"):
            log.debug("cross-encoder off: the sentence encoder was not loaded from a folder")
            return None
        if not weights.is_file():
            log.warning("cross-encoder off: %s not found", weights)
            return None
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer

            with safe_open(str(weights), framework="numpy") as f:
                meta: dict[str, str] = f.metadata() or {}
                tensors = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118
            tensors["embeddings.word_embeddings.weight"] = encoder._word
            model = cls(
                tensors,
                Tokenizer.from_file(str(vocab_folder / "tokenizer.json")),
                heads=int(meta["num_attention_heads"]),
                layer_norm_eps=float(meta.get("layer_norm_eps", 1e-12)),
            )
        except Exception as exc:  # a broken model file must not take the bot down
            log.warning("cross-encoder off: cannot load %s: %r", folder, exc)
            return None
        log.info("cross-encoder loaded from %s (%d layers)", folder, len(model._layers))
        return model

    def score(self, question: str, texts: Sequence[str]) -> NDArray[np.float64]:
        """The head's score of each (question, text) pair, in ``texts`` order."""
        return self.head(self.states(question, texts))

    def head(self, states: NDArray[np.float32]) -> NDArray[np.float64]:
        """The head's score of pooled states (:meth:`states`), one per row."""
        return np.asarray(states @ self._head_w + self._head_b, dtype=np.float64).reshape(-1)

    def states(self, question: str, texts: Sequence[str]) -> NDArray[np.float32]:
        """The mean of the last layer's states of each (question, text) pair, one row per
        text: what the head scores, and what the answer-or-decline model's second reading
        weighs (index/answerability.py), since it reads the two texts together."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encoded = self._tokenizer.encode_batch([(question, t) for t in texts])
        width = max(len(e.ids) for e in encoded)
        tokens = np.zeros((len(encoded), width), dtype=np.intp)
        types = np.zeros((len(encoded), width), dtype=np.intp)
        mask = np.zeros((len(encoded), width), dtype=np.float32)
        for row, e in enumerate(encoded):
            tokens[row, : len(e.ids)] = e.ids
            types[row, : len(e.ids)] = e.type_ids
            mask[row, : len(e.ids)] = 1.0
        added = self._positions[:width][None, :, :] + self._types[types]
        states = self._states(tokens, mask, added)
        pooled = np.einsum("bwh,bw->bh", states, mask) / mask.sum(axis=1, keepdims=True)
        return np.asarray(pooled, dtype=np.float32)


class CachedScores:
    """:meth:`CrossEncoder.states` behind a bounded cache by (question, text), and the
    head's scores of them: a question asked again (a member's retry, the same question
    in another channel) costs no model pass, and answering's two orders of one question
    (all, then the specific articles' candidates first) and the answer-or-decline model's
    reading of the first quote share their pairs."""

    def __init__(self, model: CrossEncoder, size: int = 4096) -> None:
        self.model = model
        self._size = size
        self._cache: OrderedDict[tuple[str, str], NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, question: str, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(v) for v in self.model.head(self.states(question, texts))]

    def states(self, question: str, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row of pooled states per text, read from the cache or the model."""
        if not texts:
            return self.model.states(question, [])
        with self._lock:
            held = {t: self._cache[(question, t)] for t in texts if (question, t) in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in held))
        if missing:
            new = dict(zip(missing, self.model.states(question, missing), strict=True))
            held.update(new)
            with self._lock:
                for t, row in new.items():
                    self._cache[(question, t)] = row
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return np.stack([held[t] for t in texts])
