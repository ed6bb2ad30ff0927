#!/usr/bin/env bash
# Tracking: how well and how fast people keep their identities. Two Java harnesses:
#   org.vestis.bench.TrackingBenchmark: the person detector and the trackers on the MOT sequences with identity
#     ground truth (../shared/data/mot, or $VESTIS_TEST_DATA/mot), scored with the standard MOT metrics as
#     `vestis analyze --mot` + `vestis score-tracks` would score them, for detector input sizes 320 and 512 and with
#     the frames shrunk to half size in a grey border (small people in a wide view); the old IoU tracker beside the
#     byte tracker, at 25 frames/s and at every third frame (about 8 frames/s); the detector's own recall, precision
#     and milliseconds per frame.
#   org.vestis.bench.TrackerBenchmark: milliseconds per frame of each tracker alone with 20 people in view.
# Appends one section to benchmarks/RESULTS.md. `--grid` adds the threshold sweep (a few minutes more).
#   benchmarks/tracking.sh [--grid]
# Needs the person detector's files (VESTIS_MODELS, else the download cache ~/.cache/vestis/models).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
java_run() { java -Xmx4g -cp "target/vestis.jar:target/lib/*" "$@" 2> >(grep -v WARN >&2); }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
quality=$(java_run org.vestis.bench.TrackingBenchmark --sizes 320,512 --shrinks 1,0.5 --strides 1,3 "$@" | tee /dev/stderr)
cost=$(java_run org.vestis.bench.TrackerBenchmark | tee /dev/stderr)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/tracking.sh${*:+ $*}\`"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
       "load average before $load_before, after $load_after. Config: configs/fashion-mnist.yaml's pipeline section."
  echo
  echo "$quality"
  echo
  echo "Tracker alone (\`org.vestis.bench.TrackerBenchmark\`):"
  echo
  echo "$cost" | sed -E 's/^# /- /; s/^RESULT /- /'
} >> benchmarks/RESULTS.md
