#!/usr/bin/env bash
# Garment pipeline speed and memory (issue 21), with the default config (configs/garments.yaml: person detector,
# byte tracker, landmarks and the garment model on the looks that enter a track's best N):
#  1. speed: TUD-Stadtmitte (640x480, 179 frames, 5-8 people in view) analysed 4 times in one run, so inputs 2-4 run
#     warm; each input's frames/s and the cost per look at a person (landmarks, garment model, colours) from
#     summary.json. With and without the annotated video.
#  2. memory: the walking clip (768x432, 1,394 frames) 8 times in one run (11,152 frames), the JVM's resident memory
#     sampled every 5 s into target/bench-garments/memory.csv; flat means no growth after the first input.
# Prints the figures; benchmarks/RESULTS.md records them with the date and machine. No peer: there is no Python
# garment pipeline to compare with (see RESULTS.md).
#   benchmarks/garments.sh [--quick]   --quick: memory run of 2 inputs only
set -euo pipefail
cd "$(dirname "$0")/.."
crowd=${VESTIS_BENCH_CROWD:-../shared/data/mot/TUD-Stadtmitte/TUD-Stadtmitte.mp4}
walk=${VESTIS_BENCH_CLIP:-../shared/data/videos/one-by-one-person-detection.mp4}
repeats=8
[ "${1:-}" = "--quick" ] && repeats=2
out=target/bench-garments
rm -rf "$out" && mkdir -p "$out"
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2

report() {  # per input of a summary.json: frames, seconds, fps, looks and ms per look
  python3 - "$1" <<'PY'
import json, sys
for i, s in enumerate(json.load(open(sys.argv[1]))["inputs"]):
    c = s.get("garmentLooks") or {}
    print("  input %d: %d frames in %.1f s, %.1f frames/s; %d looks, %.1f part crops per look, ms per look: landmarks %.1f, garment model %.1f, colours %.1f"
          % (i + 1, s["frames"], s["seconds"], s["fps"], c.get("people", 0), c.get("crops", 0) / max(1, c.get("people", 1)),
             c.get("regionMillis", 0), c.get("classifyMillis", 0), c.get("colourMillis", 0)))
PY
}

echo "# speed, $crowd x4, annotated video written"
./vestis analyze "$crowd" "$crowd" "$crowd" "$crowd" --out "$out/speed-video" > "$out/speed-video.log" 2>&1
report "$out/speed-video/summary.json"
echo "# speed, $crowd x4, --no-video"
./vestis analyze "$crowd" "$crowd" "$crowd" "$crowd" --out "$out/speed" --no-video > "$out/speed.log" 2>&1
report "$out/speed/summary.json"

echo "# memory, $walk x$repeats"
inputs=()
for _ in $(seq "$repeats"); do inputs+=("$walk"); done
./vestis analyze "${inputs[@]}" --out "$out/memory" --no-video > "$out/memory.log" 2>&1 &
launcher=$!
echo "seconds,rss_mib" > "$out/memory.csv"
start=$(date +%s)
while kill -0 "$launcher" 2>/dev/null; do
  pid=$(pgrep -f "vestis.jar analyze .*$out/memory" | head -1 || true)
  if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(( $(date +%s) - start )),$rss" >> "$out/memory.csv"
  fi
  sleep 5
done
wait "$launcher"
report "$out/memory/summary.json"
python3 - "$out/memory.csv" <<'PY'
import csv, sys
rows = [(int(r["seconds"]), int(r["rss_mib"])) for r in csv.DictReader(open(sys.argv[1]))]
if rows:
    n = len(rows)
    later = [m for _, m in rows[n // 4:]]
    print("  resident memory: %d samples over %d s; max %d MiB; over the last three quarters min %d, max %d MiB"
          % (n, rows[-1][0], max(m for _, m in rows), min(later), max(later)))
PY
