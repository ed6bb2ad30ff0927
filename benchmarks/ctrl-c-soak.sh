#!/usr/bin/env bash
# Ctrl-C soak for `vestis analyze` (README "Errors"): RUNS times (default 10), analyze a 640x480 video of 10,000 frames
# (the walking clip repeated, as benchmarks/pipeline.sh makes it) with the person detector and the annotated video,
# send Ctrl-C (SIGINT) at a random moment, and check that every output is final and consistent
# (org.vestis.bench.AnalyzeOutputsCheck: no temporary names, the MP4 decodes to the frame count in summary.json,
# every timeline line parses, tracks.csv matches the timeline). Appends one section to benchmarks/RESULTS.md.
#   benchmarks/ctrl-c-soak.sh [RUNS]        (SOAK_FRAMES=N for another length; about a minute per run on 2 cores)
# Needs the person detector's files (VESTIS_MODELS, else the download cache) and the walking clip
# (../shared/data/videos/one-by-one-person-detection.mp4, or VESTIS_BENCH_CLIP).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
frames="${SOAK_FRAMES:-10000}"
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
cp="target/vestis.jar:target/lib/*"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
input=$(java -cp "$cp" org.vestis.bench.PipelineBenchmark --prepare-only --frames 0 --memory-frames "$frames" \
  --work target/bench-pipeline 2>/dev/null | awk '$1=="INPUT" {print $2}')
stem=$(basename "$input" .mp4)
work=target/ctrl-c-soak
mkdir -p "$work"
rows=""
ok=0
for i in $(seq 1 "$runs"); do
  out="$work/run$i"
  rm -rf "$out"
  delay=$((5 + RANDOM % 90))
  # A background job of a script has SIGINT ignored, and the JVM would inherit that: perl restores the default first.
  perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' java -Xmx4g -cp "$cp" org.vestis.cli.VestisCommand analyze "$input" \
    --out "$out" --detector person > "$work/run$i.log" 2>&1 &
  pid=$!
  sleep "$delay"
  sent=$(date +%s.%N)
  kill -INT "$pid" 2>/dev/null || true
  rc=0
  wait "$pid" || rc=$?
  took=$(awk -v a="$sent" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  verdict=$(java -cp "$cp" org.vestis.bench.AnalyzeOutputsCheck "$out" "$stem" 2>/dev/null || true)
  echo "run $i: Ctrl-C after ${delay} s, exit $rc ${took} s later; $verdict" >&2
  case "$verdict" in OK*) ok=$((ok + 1)) ;; esac
  rows+="| $i | $delay | $rc | $took | $(echo "$verdict" | tr '\n' ' ') |"$'\n'
done
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/ctrl-c-soak.sh $runs\`"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)." \
       "Input: $input ($frames frames, 640x480), \`vestis analyze --detector person\` with the annotated video; Ctrl-C (SIGINT) at a random second."
  echo "$ok of $runs runs left every output final and consistent."
  echo
  echo "| run | Ctrl-C after (s) | exit code | exit after the signal (s) | check |"
  echo "| ---: | ---: | ---: | ---: | --- |"
  printf "%s" "$rows"
} >> benchmarks/RESULTS.md
echo "$ok of $runs runs OK" >&2
