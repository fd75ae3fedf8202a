"""The cross-encoder that articlebot ships: derived from all-MiniLM-L6-v2 (Apache-2.0).

Package data only: ``model.safetensors`` (float16 weights, every tensor of the model but
the word table, which is the sentence encoder's in ``index/semantic_model/``), ``LICENSE``
and ``NOTICE`` (provenance and how it was trained). Made by ``bench/cross_encoder.py``;
read by :mod:`index.cross_encoder`.
"""
