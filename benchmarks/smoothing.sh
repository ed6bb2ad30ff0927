#!/usr/bin/env bash
# Does smoothing over a track's top-N frames beat the single-frame label? Renders synthetic videos with known
# answers (`vestis make-video`), runs `vestis analyze` on each for several N, scores each run against the truth
# (`vestis score-video`) and appends one table to benchmarks/RESULTS.md: detection recall, per-frame accuracy and
# smoothed accuracy, pooled over the videos.
# Usage: benchmarks/smoothing.sh [MODEL] [DETECTOR]   (defaults: models/fashion-mnist-cnn, motion)
# Needs the Fashion-MNIST files (set VESTIS_FASHION_MNIST to point at them, as for `vestis train`).
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/fashion-mnist-cnn}"
detector="${2:-motion}"
seeds="${SMOOTHING_SEEDS:-7 8 9}"
ns="${SMOOTHING_NS:-1 3 5 10 20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for seed in $seeds; do
  ./vestis make-video --out "$work/seed$seed.mp4" --seed "$seed" > /dev/null
done
rows=""
for n in $ns; do
  total='{"objects":0,"matched":0,"frameCorrect":0,"smoothedCorrect":0}'
  for seed in $seeds; do
    ./vestis analyze "$work/seed$seed.mp4" --out "$work/n$n" --model "$model" --detector "$detector" \
      --top-n "$n" --no-video > /dev/null 2>&1
    one=$(./vestis score-video --json "$work/seed$seed.truth.jsonl" "$work/n$n/seed$seed.timeline.jsonl")
    total=$(/usr/bin/python3 -c 'import json,sys; a,b=json.loads(sys.argv[1]),json.loads(sys.argv[2]); print(json.dumps({k:a[k]+b[k] for k in a}))' "$total" "$one")
  done
  row=$(/usr/bin/python3 -c 'import json,sys; t=json.loads(sys.argv[1]); n=sys.argv[2]
pct=lambda a,b: "%.1f%%" % (100.0*a/b) if b else "n/a"
print("| %s | %d | %d | %s | %s | %s |" % (n, t["objects"], t["matched"], pct(t["matched"],t["objects"]), pct(t["frameCorrect"],t["matched"]), pct(t["smoothedCorrect"],t["matched"])))' "$total" "$n")
  echo "$row"
  rows+="$row"$'\n'
done
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/smoothing.sh $model $detector\`"
  echo
  echo "Synthetic videos \`vestis make-video --seed S\` for S in $seeds (300 frames, 640x480, 3 moving Fashion-MNIST test items," \
       "defocus bursts, noise); \`vestis analyze --detector $detector --top-n N\`; objects counted when at least half visible," \
       "matched at IoU >= 0.5. Per-frame accuracy does not depend on N; smoothed = the label averaged over the track's N best frames so far."
  echo
  echo "| N | objects | detected | recall | per-frame accuracy | smoothed accuracy |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
  printf "%s" "$rows"
} >> benchmarks/RESULTS.md
