#!/usr/bin/env bash
# Runs our Java harness and the PyTorch peer one after the other on this machine, prints `RATIO <name> <ours/peer>`
# per measurement and appends the results to benchmarks/RESULTS.md. `--quick` (4 s per item) runs each side three
# times, alternating, unless --repeat says otherwise (about 5 minutes); two quick runs back to back agree within 15%
# on every ratio since the peer's malloc has fixed thresholds (RESULTS.md, 2026-12-06 12:56 on; before, the peer ran
# at one of two speeds per process and 7 or 8 of 9 ratios agreed). Quick runs give lower training ratios than the full
# run (the peer trains faster in 4-s windows than in 15-s ones): quote the full run.
# `--repeat N` alternates the two N times and reports each side's median and range: on a shared virtual machine
# single runs of either side vary by 30% or more from one minute to the next.
# Needs: Debian's python3-torch, python3-torchvision (MobileNetV2) and libopenblas0-pthread (installed here with apt-get when missing, as root),
# and the Fashion-MNIST files (found as `vestis train` finds them; set VESTIS_FASHION_MNIST to point at them).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=""
repeat=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode="--quick" ;;
    --repeat) repeat="${2:?--repeat needs a number}"; shift ;;
    *) echo "Unknown option '$1'; use --quick and/or --repeat N." >&2; exit 2 ;;
  esac
  shift
done
[ -n "$repeat" ] || { [ "$mode" = "--quick" ] && repeat=3 || repeat=1; }
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat needs a positive whole number, not '$repeat'." >&2; exit 2; }
if ! /usr/bin/python3 -c "import torch, torchvision" 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-torchvision libopenblas0-pthread >&2
fi
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
export OMP_NUM_THREADS=2
# As the vestis launcher does: OpenBLAS threads that spin when idle halve our training speed.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
ours=""
peer=""
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= repeat; i++)); do
  ours+=$(java -Xmx4g -cp "target/vestis.jar:target/lib/*" org.vestis.bench.ModelBenchmark $mode | tee -a /dev/stderr)$'\n'
  # The peer as its users run it: these machines set OPENBLAS_CORETYPE=Haswell and OPENBLAS_L2_SIZE=512 (for older
  # OpenBLAS builds), which slow a current OpenBLAS by 25-50%; unset for the peer's command only, never for ours.
  # glibc's malloc moves its mmap threshold as blocks are freed, so from one peer process to the next some of the
  # large tensors were mapped and unmapped (page faults) on every call and others not: two speeds per process (its
  # fashion-cnn batch-256 inference ~2,550 or ~3,250 images/s). Fixed thresholds keep them all on the heap, the faster
  # of the two, in every process (RESULTS.md, 2026-12-06 "The peer's two speeds").
  peer+=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296 \
          /usr/bin/python3 benchmarks/peer_torch.py $mode | tee -a /dev/stderr)$'\n'
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# "median min max" of one measurement's RESULT lines.
stats() {
  echo "$1" | awk -v n="$2" '$1=="RESULT" && $2==n {print $3}' | sort -g |
    awk '{v[NR]=$1} END { if (NR == 0) { print "0 0 0"; exit }
                          m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.1f %.1f %.1f", m, v[1], v[NR] }'
}
table=""
for name in $(echo "$ours" | awk '$1=="RESULT" {print $2}' | awk '!seen[$0]++'); do
  read -r o omin omax <<<"$(stats "$ours" "$name")"
  read -r p pmin pmax <<<"$(stats "$peer" "$name")"
  ratio=$(awk -v a="$o" -v b="$p" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  echo "RATIO $name $ratio"
  if [ "$repeat" -gt 1 ]; then
    table+="| $name | $o ($omin-$omax) | $p ($pmin-$pmax) | $ratio |"$'\n'
  else
    table+="| $name | $o | $p | $ratio |"$'\n'
  fi
done
args="$mode"
[ "$repeat" -gt 1 ] && args="${args:+$args }--repeat $repeat"
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/run.sh${args:+ $args}\`"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
       "$(echo "$ours" | grep -m1 '^# ' | tr -d '#' | xargs); PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 2 threads."
  echo "Peer: $(echo "$peer" | grep -m1 '^# peer: ' | sed 's/^# peer: //'). Load average (1, 5, 15 min) before: $load_before; after: $load_after."
  echo
  if [ "$repeat" -gt 1 ]; then
    echo "$repeat alternating runs of each side; median (min-max); ratio of the medians."
    echo
  fi
  echo "| measurement (images/s) | Vestis (DL4J) | PyTorch | ratio |"
  echo "| --- | ---: | ---: | ---: |"
  printf "%s" "$table"
} >> benchmarks/RESULTS.md
