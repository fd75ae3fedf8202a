#!/bin/sh
# Cross-fitted training data for the learned reranker (index/ranker_weights.json) and the
# answer-or-decline model (index/answerability_weights.json). Not product code.
#
# The shipped encoder (index/semantic_model) was fine-tuned on bench/train-news t1-t5 and
# bench/train-ltr l1-l12, so its cosines on those questions are over-confident: a model
# trained on them learns to trust the cosine more than it deserves on news nobody trained
# on. So each training folder's features come from an encoder that never saw it:
#   H1 = the shipped recipe on the odd folders  (t1 t3 t5 l1 l3 l5 l7 l9 l11)
#        -> dumps t2 t4 l2 l4 l6 l8 l10 l12
#   H2 = the shipped recipe on the even folders (t2 t4 l2 l4 l6 l8 l10 l12)
#        -> dumps t1 t3 t5 l1 l3 l5 l7 l9 l11
#   the shipped encoder -> squad-dev (both halves; in no encoder's training) and the dev sets
# The weights are then trained on those dumps and shipped beside the full encoder.
#
#   sh bench/crossfit.sh BASE FT_PYTHON OUT
# BASE: the original float16 all-MiniLM-L6-v2 folder (bench/finetune_encoder.py's
# docstring says how to get it); FT_PYTHON: a python with CPU torch, safetensors,
# tokenizers, numpy; OUT: a scratch folder (encoders, libraries, dumps). Then:
#   .venv/bin/python bench/train_ranker.py train --pools OUT/pools ...   (the flags are in
#   .venv/bin/python bench/train_answerability.py train --data OUT/ans ...  the weights files)
set -eu
BASE=$1
FT=$2
OUT=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mkdir -p "$OUT"
ODD="t1 t3 t5 l1 l3 l5 l7 l9 l11"
EVEN="t2 t4 l2 l4 l6 l8 l10 l12"
folder() { case $1 in t*) echo bench/train-news/$1 ;; *) echo bench/train-ltr/$1 ;; esac; }
news() { for s in "$@"; do echo --news "$(folder "$s")"; done; }
questions() { for s in "$@"; do echo "$(folder "$s")/questions.jsonl"; done; }
train_encoder() { # NAME FOLDERS...: the shipped recipe (index/semantic_model/NOTICE)
    name=$1
    shift
    [ -f "$OUT/$name/model.safetensors" ] || "$FT" bench/finetune_encoder.py train \
        --base "$BASE" $(news "$@") --kinds answerable,attribution --pool-depth 4 \
        --pool-hard 1 --hard 1 --out "$OUT/$name" --articlebot "$ROOT/.venv/bin/articlebot"
}
dump() { # MODEL_ARGS DBS QUESTIONS...: both trainers' dumps
    model=$1
    dbs=$2
    shift 2
    .venv/bin/python bench/train_ranker.py dump "$@" $model --dbs "$dbs" --out "$OUT/pools"
    .venv/bin/python bench/train_answerability.py dump "$@" $model --dbs "$dbs" --out "$OUT/ans"
}
train_encoder H1 $ODD
train_encoder H2 $EVEN
dump "--model $OUT/H1" "$OUT/dbs-H1" $(questions $EVEN)
dump "--model $OUT/H2" "$OUT/dbs-H2" $(questions $ODD)
[ -f "$OUT/sq.db" ] || .venv/bin/articlebot index --db "$OUT/sq.db" \
    ../shared/eval/squad-dev/articles/*.txt --vectors >/dev/null
# squad-dev: every fourth question of each article (in file order), both halves; the
# halves are split by article as before (bench/question_sets.py). A quarter is enough for a
# guard and dumps in a quarter of the time.
python3 -c '
import json, sys
by = {}
for line in open(sys.argv[1], encoding="utf-8"):
    by.setdefault(json.loads(line)["article"], []).append(line)
sys.stdout.write("".join(x for _, lines in sorted(by.items()) for x in lines[::4]))
' ../shared/eval/squad-dev/questions.jsonl >"$OUT/squad-sub4.jsonl"
dump "" "$OUT/dbs-F" --squad-db "$OUT/sq.db" "$OUT/squad-sub4.jsonl"
dump "" "$OUT/dbs-F" $(for d in tests/data/fresh-*/; do echo "$d"questions.jsonl; done)
