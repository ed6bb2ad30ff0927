#!/usr/bin/env bash
# Video pipeline speed: our Java harness (org.vestis.bench.PipelineBenchmark: decode-only, then the real pipeline per
# detector with fashion-mnist-cnn, top-N smoothing and the timeline + CSV sinks, then a long memory run) and the Python
# OpenCV peer (benchmarks/peer_pipeline.py) one after the other on the same 640x480 H.264 file. Prints
# `RATIO <name> <ours/peer>` and appends a section to benchmarks/RESULTS.md; the memory chart goes to
# benchmarks/pipeline-memory.png (`--quick`: pipeline-memory-quick.png).
#   benchmarks/pipeline.sh [--quick]     full: 1,500 frames per detector, 10,000-frame memory run (8 min on an idle 2-core machine)
#                                        --quick: 300 frames per detector, 2,000-frame memory run (a few minutes)
# Extra arguments go to both harnesses (e.g. --frames 600, --detectors person,motion).
# Needs: Debian's python3-opencv and python3-torch (installed here with apt-get when missing, as root), the walking
# clip (../shared/data/videos/one-by-one-person-detection.mp4, or set VESTIS_BENCH_CLIP), and the detector model
# files (VESTIS_MODELS, else the download cache ~/.cache/vestis/models, filled by the Java run).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=""
extra=()
for a in "$@"; do
  if [ "$a" = "--quick" ]; then mode="--quick"; else extra+=("$a"); fi
done
if ! /usr/bin/python3 -c "import cv2, torch" 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-opencv python3-torch libopenblas0-pthread >&2
fi
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
export OMP_NUM_THREADS=2
# As the vestis launcher does: OpenBLAS threads that spin when idle halve our training speed.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
suffix=$([ -n "$mode" ] && echo "-quick" || true)
png="benchmarks/pipeline-memory$suffix.png"
work=target/bench-pipeline
# The launcher's JVM settings (./vestis), so the memory run shows what users get.
ours=$(java ${VESTIS_JAVA_OPTS:--Xmx4g -Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G} \
  -cp "target/vestis.jar:target/lib/*" org.vestis.bench.PipelineBenchmark $mode --work "$work" \
  --memory-png "$png" --memory-csv "benchmarks/pipeline-memory$suffix.csv" ${extra[@]+"${extra[@]}"} | tee /dev/stderr)
input=$(echo "$ours" | awk '$1=="INPUT" {print $2}')
# The peer as its users run it (see benchmarks/run.sh): OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for its command
# only, and glibc's malloc with fixed thresholds, so that every peer process runs at the same one of its two speeds.
peer=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 \
  /usr/bin/python3 benchmarks/peer_pipeline.py --input "$input" --out "$work/peer-out" $mode ${extra[@]+"${extra[@]}"} | tee /dev/stderr)
table=""
while read -r _ name rate; do
  p=$(echo "$peer" | awk -v n="$name" '$1=="RESULT" && $2==n {print $3}')
  ratio=$(awk -v a="$rate" -v b="${p:-0}" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "n/a" }')
  echo "RATIO $name $ratio"
  table+="| $name | $rate | ${p:-n/a} | $ratio |"$'\n'
done < <(echo "$ours" | grep '^RESULT')
mem() { echo "$ours" | awk -v k="$1" '$1=="MEMORY" && $2==k {print $3}'; }
split=""
while read -r line; do
  name=$(echo "$line" | sed -E 's/^# ([^:]+):.*/\1/')
  theirs=$(echo "$peer" | grep -E "^# $name: [0-9]+ frames" | sed -E 's/^# [^:]+: //' || true)
  split+="- $name: Vestis $(echo "$line" | sed -E 's/^# [^:]+: //'); peer ${theirs:-n/a}"$'\n'
done < <(echo "$ours" | grep -E '^# [a-z-]+: [0-9]+ frames')
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/pipeline.sh $mode${extra[*]:+ ${extra[*]}}\`"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
       "$(echo "$ours" | grep '^# input' | sed 's/^# //'); peer: $(echo "$peer" | grep -m1 '^# Python' | sed 's/^# //');" \
       "$(echo "$peer" | grep -m1 '^# peer: ' | sed 's/^# peer: //')."
  echo
  echo "| measurement (frames/s, 640x480) | Vestis (JavaCV + DL4J) | Python OpenCV + PyTorch | ratio |"
  echo "| --- | ---: | ---: | ---: |"
  printf "%s" "$table"
  echo
  echo "Memory: \`person\` over $(mem frames) frames at $(mem fps) frames/s, resident memory (VmRSS, sampled every 250 frames)" \
       "first $(mem rss-first-mib) MiB, last $(mem rss-last-mib) MiB, max $(mem rss-max-mib) MiB" \
       "([chart]($(basename "$png")), [series]($(basename "$png" .png).csv))."
  echo
  echo "Time per frame in each stage (Vestis: detect+track on the detect thread, crops+classify+smooth on the classify thread, overlapping; the peer runs them one after the other):"
  echo
  printf "%s" "$split"
} >> benchmarks/RESULTS.md
