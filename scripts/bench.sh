#!/usr/bin/env bash
# Benchmarks kg on a corpus and prints one table: prose's own full pipeline
# (single-threaded, model loaded once) as the reference, kg's extractor alone and
# kg build words/s, peak RSS, store size, and Gizmo latency on the store.
#
#   scripts/bench.sh [CORPUS]      (default ../shared/corpus/reuters21578.jsonl.gz)
#
# Environment: PROSE_N articles for the prose reference (default 1000);
# LIMIT, when set, benchmarks only the first LIMIT articles (for a quick
# run while developing); WORKERS for kg build (default: all CPUs);
# KEEP=1 keeps the work directory (the store) and prints its path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

corpus=${1:-../shared/corpus/reuters21578.jsonl.gz}
[ -e "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 2; }
work=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then echo "bench: work directory $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

go build -o "$work/kg" ./cmd/kg
go build -o "$work/benchkg" ./scripts/benchkg
if [ -n "${LIMIT:-}" ]; then
	(gzip -dc -f "$corpus" | head -n "$LIMIT") >"$work/corpus.jsonl" || true # gzip: SIGPIPE
	corpus=$work/corpus.jsonl
fi
workers=()
[ -n "${WORKERS:-}" ] && workers=(--workers "$WORKERS")

read -r docs words < <("$work/benchkg" words "$corpus")
read -r pdocs pwords psecs pwps < <("$work/benchkg" prose -n "${PROSE_N:-1000}" "$corpus")

read -r _ _ xsecs xwps < <("$work/benchkg" extract "$corpus")

"$work/benchkg" rss "$work/kg" build "${workers[@]}" --db "$work/kg.db" "$corpus" 2>"$work/build.err"
read -r bsecs brss < <(tail -n 1 "$work/build.err")
summary=$(tail -n 2 "$work/build.err" | head -n 1)
"$work/benchkg" gizmo -db "$work/kg.db" >"$work/gizmo.txt"

read -r nread nstored npresent nfailed < <(sed -E 's/^([0-9]+) documents? read: ([0-9]+) stored, ([0-9]+) already present.* ([0-9]+) failed;.*/\1 \2 \3 \4/' <<<"$summary")
size=$(stat -c %s "$work/kg.db")
quads=$(awk -F'\t' '$1=="quads"{print $2}' "$work/gizmo.txt")
row() { printf '%-34s %s\n' "$1" "$2"; }
rate() { awk -v w="$1" -v s="$2" 'BEGIN{printf "%.0f", w/s}'; }
gz() { awk -F'\t' -v k="$1" '$1==k{print $2 " / " $3 "  (" $4 ")"}' "$work/gizmo.txt"; }

echo "kg benchmark: $corpus ($docs documents, $words words), $(nproc) CPUs, $(go env GOVERSION)"
row "measure" "value"
row "prose full pipeline, 1 goroutine" "$pwps words/s ($pdocs articles, $pwords words, ${psecs} s)"
row "kg extraction, 1 goroutine" "$xwps words/s (${xsecs} s, no store)"
row "kg build (bolt)" "$(rate "$words" "$bsecs") words/s (${bsecs} s, $(awk -v a="$words" -v b="$bsecs" -v p="$pwps" 'BEGIN{printf "%.1f", a/b/p}')x prose)"
row "kg build peak RSS" "$((brss / 1024)) MiB"
row "documents" "$nread read: $nstored stored, $npresent already present, $nfailed failed (inputs not read count as failed too)"
row "store" "$((size / 1024 / 1024)) MiB, $quads quads, $(awk -v s="$size" -v q="$quads" 'BEGIN{printf "%.0f", s/q}') bytes/quad"
row "gizmo name lookup p50/p95" "$(gz 'name lookup')"
row "gizmo one hop p50/p95" "$(gz 'one hop')"
row "gizmo two hops p50/p95" "$(gz 'two hops')"
row "count all facts (Stats) p50/p95" "$(gz 'count facts')"
awk -F'\t' '$1=="entity"{print "  query entity: " $2}' "$work/gizmo.txt"
awk -F'\t' '$1 ~ /hop|lookup/ {print "  " $1 ": " $5}' "$work/gizmo.txt"
