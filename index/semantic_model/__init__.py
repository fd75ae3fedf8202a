"""The sentence-embedding model that articlebot ships: all-MiniLM-L6-v2 (Apache-2.0).

Package data only: ``model.safetensors`` (float16 weights), ``tokenizer.json``,
``LICENSE`` and ``NOTICE`` (provenance and sha256 of each file). Made by
``bench/convert_minilm.py``; read by :mod:`index.encoder`.
"""
