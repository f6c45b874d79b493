#!/usr/bin/env bash
# Check that the documented training command reproduces the shipped tagger
# byte for byte: run build/tools/newsdex-ner-train (defaults, as in
# docs/entities.md "Reproducing the model") on a copy of common/data and
# compare every file it writes with the shipped one: ner.model (news),
# ner_encyclopedic.model (encyclopedic text) and the derived lists.  About
# 25 s on one core; needs ../shared (CoNLL-2003, gazetteers, Reuters-21578).
#   scripts/check_ner_model.sh [BUILD_DIR]      exit 0: identical, 1: differs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${1:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp -r common/data/. "$out/"
"$BUILD_DIR/tools/newsdex-ner-train" --out "$out" 2> "$out/train.log" || { cat "$out/train.log" >&2; exit 2; }
status=0
for f in ner.model ner_encyclopedic.model first_names.txt first_names_rare.txt last_names.txt last_names_rare.txt \
         companies.txt company_words.txt tickers.txt word_clusters.txt; do
    if cmp -s "common/data/$f" "$out/$f"; then
        echo "same      $f"
    else
        echo "DIFFERENT $f" >&2
        status=1
    fi
done
exit $status
