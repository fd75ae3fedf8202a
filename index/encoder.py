"""Sentence embeddings from the shipped all-MiniLM-L6-v2 model, in plain numpy.

The forward pass is BERT's (embeddings, six post-norm encoder layers with exact-erf GELU),
then mean pooling over the attention mask and L2 normalisation, as sentence-transformers
does for this model; vectors agree with sentence-transformers' float32 ones to about 1e-4
in cosine (the weights are shipped as float16 and computed in float32).

Nothing is downloaded: :meth:`Encoder.load` reads ``model.safetensors`` and
``tokenizer.json`` from ``index/semantic_model/`` (package data, see its NOTICE) or a
folder given to it, and gives ``None``, with the reason logged, when they are missing.

Threads: the matrix products run on numpy's BLAS thread pool (set it with
``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` or threadpoolctl); the encoder sets no
thread count itself and keeps no mutable state, so one instance may serve several threads.

Int8 storage: :func:`quantize` maps each vector to int8 with one float32 scale
(symmetric, ``scale = max|v| / 127``); :func:`to_blob` / :func:`from_blobs` pack that as
``scale (float32, little-endian) + dim int8 values``; :func:`dot_blobs` scores a float32
query against such blobs.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

F32 = NDArray[np.float32]
I8 = NDArray[np.int8]

MODEL_DIR = Path(__file__).resolve().parent / "semantic_model"
WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"
DEFAULT_MAX_LENGTH = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
_NEG = np.float32(np.finfo(np.float32).min)  # added to the scores of padding keys
# Tokens a batch may hold (texts x the longest's length): attention keeps batch x heads x
# width² scores, so 32 paragraphs of 256 tokens at once would take hundreds of MB; capped,
# long texts go a few at a time and short ones still 32 at a time.
MAX_BATCH_TOKENS = 2048


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_w: F32  # (hidden, 3 * hidden): query, key and value projections side by side
    qkv_b: F32
    out_w: F32
    out_b: F32
    ln1_g: F32
    ln1_b: F32
    up_w: F32
    up_b: F32
    down_w: F32
    down_b: F32
    ln2_g: F32
    ln2_b: F32


def _f32(t: NDArray[Any]) -> F32:
    return np.ascontiguousarray(t, dtype=np.float32)


def _layer_norm(x: F32, gamma: F32, beta: F32, eps: float) -> F32:
    mean = x.mean(axis=-1, keepdims=True)
    x = x - mean
    var = np.mean(np.square(x), axis=-1, keepdims=True)
    x *= 1.0 / np.sqrt(var + np.float32(eps))
    x *= gamma
    x += beta
    return x


# Abramowitz & Stegun 7.1.26: erfc(z) ~= poly(t) exp(-z^2), t = 1 / (1 + P z), for z >= 0,
# |error| <= 1.5e-7; the coefficients are halved here to give Phi(-|x|) = erfc(|x|/sqrt 2) / 2.
_P = np.float32(0.3275911 / math.sqrt(2))
_HALF_A = tuple(
    np.float32(a / 2) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)
_GELU_ROWS = 64  # rows of the (tokens x 1536) activations done at a time: they stay in cache


def _gelu_rows(x: F32) -> None:
    a = np.abs(x)
    t = a * _P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    tail = t * _HALF_A[0]
    for c in _HALF_A[1:]:
        tail += c
        tail *= t
    z = np.multiply(a, a, out=t)  # t is spent: reuse it for exp(-x^2 / 2)
    z *= np.float32(-0.5)
    np.exp(z, out=z)
    tail *= z  # Phi(-|x|)
    np.subtract(np.float32(0.5), tail, out=tail)
    tail *= a  # |x| (1/2 - Phi(-|x|)) = x (Phi(x) - 1/2)
    x *= np.float32(0.5)
    x += tail


def _gelu(x: F32) -> F32:
    """BERT's exact GELU, ``x * Phi(x) = x (1 + erf(x / sqrt 2)) / 2``, in place of ``x``
    (to within 5e-7; numpy has no erf)."""
    for start in range(0, x.shape[0], _GELU_ROWS):
        _gelu_rows(x[start : start + _GELU_ROWS])
    return x


class Encoder:
    """A BERT sentence encoder (mean pooling, L2-normalised) run with numpy."""

    def __init__(
        self,
        tensors: Mapping[str, NDArray[Any]],
        tokenizer: Any,
        *,
        heads: int,
        layer_norm_eps: float = 1e-12,
        max_length: int = DEFAULT_MAX_LENGTH,
        model_version: str = "",
    ) -> None:
        word = tensors["embeddings.word_embeddings.weight"]
        self.dim: int = int(word.shape[1])
        if self.dim % heads:
            raise ValueError(f"hidden size {self.dim} is not a multiple of {heads} heads")
        positions = tensors["embeddings.position_embeddings.weight"]
        self.max_length: int = min(max_length, int(positions.shape[0]))
        self.model_version: str = model_version
        # The folder :meth:`load` read the model from: a worker process loads it again
        # from there rather than receive it pickled (index/vector_process.py).
        self.folder: Path | None = None
        self._heads = heads
        self._eps = float(layer_norm_eps)
        # The vocabulary stays in its stored dtype (float16: half the memory); looked-up rows
        # are cast to float32, which gives the same numbers as casting the whole table.
        self._word = np.ascontiguousarray(word)
        self._pos_type = _f32(positions) + _f32(
            tensors["embeddings.token_type_embeddings.weight"][0]
        )
        self._emb_ln = (
            _f32(tensors["embeddings.LayerNorm.weight"]),
            _f32(tensors["embeddings.LayerNorm.bias"]),
        )
        self._layers: list[_Layer] = []
        while f"encoder.layer.{len(self._layers)}.attention.self.query.weight" in tensors:
            p = f"encoder.layer.{len(self._layers)}."

            def w(name: str, p: str = p) -> F32:  # torch Linear keeps (out, in): transpose
                return _f32(tensors[p + name + ".weight"].T)

            def b(name: str, p: str = p) -> F32:
                return _f32(tensors[p + name])

            self._layers.append(
                _Layer(
                    qkv_w=_f32(
                        np.concatenate(
                            [w(f"attention.self.{n}") for n in ("query", "key", "value")],
                            axis=1,
                        )
                    ),
                    qkv_b=_f32(
                        np.concatenate(
                            [b(f"attention.self.{n}.bias") for n in ("query", "key", "value")]
                        )
                    ),
                    out_w=w("attention.output.dense"),
                    out_b=b("attention.output.dense.bias"),
                    ln1_g=b("attention.output.LayerNorm.weight"),
                    ln1_b=b("attention.output.LayerNorm.bias"),
                    up_w=w("intermediate.dense"),
                    up_b=b("intermediate.dense.bias"),
                    down_w=w("output.dense"),
                    down_b=b("output.dense.bias"),
                    ln2_g=b("output.LayerNorm.weight"),
                    ln2_b=b("output.LayerNorm.bias"),
                )
            )
        if not self._layers:
            raise ValueError("no encoder.layer.0 tensors")
        self._tokenizer = tokenizer
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.max_length)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Encoder | None:
        """The encoder of the model in ``path`` (default: the shipped one), or ``None``.

        ``path`` is a folder holding ``model.safetensors`` (its metadata gives
        ``num_attention_heads``, and optionally ``layer_norm_eps`` and
        ``max_seq_length``) and ``tokenizer.json``. ``None`` comes back, with the reason
        logged as a warning, when a file is missing or unreadable or the ``tokenizers`` /
        ``safetensors`` packages are not installed.
        """
        folder = MODEL_DIR if path is None else Path(path)
        weights, vocab = folder / WEIGHTS, folder / TOKENIZER
        missing = [p.name for p in (weights, vocab) if not p.is_file()]
        if missing:
            log.warning("semantic encoder off: %s not found in %s", " and ".join(missing), folder)
            return None
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer
        except ImportError as exc:
            log.warning("semantic encoder off: %s", exc)
            return None
        started = time.perf_counter()
        try:
            digest = hashlib.sha256()
            for file in (weights, vocab):
                with file.open("rb") as f:
                    digest.update(hashlib.file_digest(f, "sha256").digest())
            with safe_open(str(weights), framework="numpy") as f:
                meta: dict[str, str] = f.metadata() or {}
                tensors = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118
            encoder = cls(
                tensors,
                Tokenizer.from_file(str(vocab)),
                heads=int(meta["num_attention_heads"]),
                layer_norm_eps=float(meta.get("layer_norm_eps", 1e-12)),
                max_length=int(meta.get("max_seq_length", DEFAULT_MAX_LENGTH)),
                model_version=digest.hexdigest()[:16],
            )
            encoder.folder = folder
        except Exception as exc:  # a broken model file must not take the bot down
            log.warning("semantic encoder off: cannot load %s: %r", folder, exc)
            return None
        log.info(
            "semantic encoder %s loaded from %s in %.2fs",
            encoder.model_version,
            folder,
            time.perf_counter() - started,
        )
        return encoder

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text, with [CLS] / [SEP], truncated to ``max_length``."""
        return [e.ids for e in self._tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> F32:
        """Unit vectors, one row per text (``len(texts)`` x ``dim``, float32).

        Texts are batched by token length, so that little padding is computed; each
        vector depends on its own text only, not on the batch it fell in.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = self.tokenize(texts)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for chunk in _chunks(order, [len(ids[i]) for i in order], batch_size):
            width = max(len(ids[i]) for i in chunk)
            tokens = np.zeros((len(chunk), width), dtype=np.intp)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1.0
            out[chunk] = self._forward(tokens, mask)
        return out

    def _forward(self, tokens: NDArray[np.intp], mask: F32) -> F32:
        states = self._states(tokens, mask, self._pos_type[: tokens.shape[1]])
        summed = np.einsum("bwh,bw->bh", states, mask)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return _f32(pooled / np.maximum(norms, np.float32(1e-12)))

    def _states(self, tokens: NDArray[np.intp], mask: F32, added: F32) -> F32:
        """The last layer's states (batch x width x hidden) of ``tokens``, ``added`` (the
        position and token-type embeddings, per position or per token) added to the
        words' own."""
        batch, width = tokens.shape
        hidden, heads = self.dim, self._heads
        size = hidden // heads
        x = self._word[tokens.reshape(-1)].astype(np.float32)
        x = x.reshape(batch, width, hidden)
        x += added
        x = _layer_norm(x.reshape(batch * width, hidden), *self._emb_ln, self._eps)
        key_bias = ((1.0 - mask) * _NEG)[:, None, None, :]  # (batch, 1, 1, width)
        scale = np.float32(1.0 / math.sqrt(size))
        for layer in self._layers:
            qkv = x @ layer.qkv_w
            qkv += layer.qkv_b
            q, k, v = qkv.reshape(batch, width, 3, heads, size).transpose(2, 0, 3, 1, 4)
            scores = q @ k.transpose(0, 1, 3, 2)  # (batch, heads, width, width)
            scores *= scale
            scores += key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * width, hidden)
            attended = context @ layer.out_w
            attended += layer.out_b
            attended += x
            x = _layer_norm(attended, layer.ln1_g, layer.ln1_b, self._eps)
            up = x @ layer.up_w
            up += layer.up_b
            down = _gelu(up) @ layer.down_w
            down += layer.down_b
            down += x
            x = _layer_norm(down, layer.ln2_g, layer.ln2_b, self._eps)
        return x.reshape(batch, width, hidden)


def _chunks(order: list[int], lengths: list[int], batch_size: int) -> list[list[int]]:
    """``order`` (sorted by ``lengths``, ascending) cut into batches of at most
    ``batch_size`` texts and :data:`MAX_BATCH_TOKENS` padded tokens (at least one text)."""
    chunks: list[list[int]] = []
    chunk: list[int] = []
    for i, length in zip(order, lengths, strict=True):
        if chunk and (len(chunk) >= batch_size or (len(chunk) + 1) * length > MAX_BATCH_TOKENS):
            chunks.append(chunk)
            chunk = []
        chunk.append(i)
    if chunk:
        chunks.append(chunk)
    return chunks


def quantize(vectors: NDArray[np.floating[Any]]) -> tuple[I8, F32]:
    """Symmetric int8 codes and one float32 scale per row: ``row ~= codes * scale``.

    Each component is off by at most ``scale / 2`` (``scale = max|row| / 127``).
    """
    rows = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    scales = (np.abs(rows).max(axis=1) / np.float32(127.0)).astype(np.float32)
    safe = np.where(scales > 0, scales, np.float32(1.0))
    codes = np.clip(np.rint(rows / safe[:, None]), -127, 127).astype(np.int8)
    return codes, scales


def dequantize(codes: I8, scales: F32) -> F32:
    """The float32 rows that ``quantize`` encoded (to within ``scale / 2`` a component)."""
    return _f32(np.atleast_2d(codes).astype(np.float32) * np.asarray(scales, np.float32)[:, None])


def int8_dot(query: F32, codes: I8, scales: F32) -> F32:
    """Dot products of one float32 ``query`` with each int8-coded row."""
    return _f32((np.atleast_2d(codes).astype(np.float32) @ np.asarray(query, np.float32)) * scales)


def to_blob(codes: I8, scale: float) -> bytes:
    """One coded vector as bytes: its scale (float32, little-endian), then its int8 codes."""
    return np.asarray(scale, dtype="<f4").tobytes() + np.asarray(codes, np.int8).tobytes()


def from_blobs(blobs: Sequence[bytes], dim: int) -> tuple[I8, F32]:
    """Codes (``len(blobs)`` x ``dim``) and scales of blobs made by :func:`to_blob`."""
    size = 4 + dim
    if any(len(b) != size for b in blobs):
        raise ValueError(f"an int8 blob of {dim} dimensions has {size} bytes")
    raw = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), size)
    scales = raw[:, :4].copy().view("<f4").reshape(-1).astype(np.float32)
    codes = raw[:, 4:].view(np.int8).copy()
    return codes, scales


def dot_blobs(query: F32, blobs: Sequence[bytes]) -> F32:
    """Dot products of a float32 ``query`` with vectors stored by :func:`to_blob`."""
    codes, scales = from_blobs(blobs, int(np.asarray(query).shape[-1]))
    return int8_dot(query, codes, scales)
