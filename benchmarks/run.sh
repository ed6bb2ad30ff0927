#!/usr/bin/env bash
# Runs our Java harness and the PyTorch peer one after the other on this machine, prints `RATIO <name> <ours/peer>`
# per measurement and appends the results to benchmarks/RESULTS.md. `--quick` finishes in about 3 minutes.
# Needs: Debian's python3-torch and libopenblas0-pthread (installed here with apt-get when missing, as root),
# and the Fashion-MNIST files (found as `vestis train` finds them; set VESTIS_FASHION_MNIST to point at them).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch libopenblas0-pthread >&2
fi
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
export OMP_NUM_THREADS=2
ours=$(java -Xmx4g -cp "target/vestis.jar:target/lib/*" org.vestis.bench.ModelBenchmark $mode | tee /dev/stderr)
peer=$(/usr/bin/python3 benchmarks/peer_torch.py $mode | tee /dev/stderr)
table=""
while read -r _ name rate; do
  p=$(echo "$peer" | awk -v n="$name" '$1=="RESULT" && $2==n {print $3}')
  ratio=$(awk -v a="$rate" -v b="$p" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  echo "RATIO $name $ratio"
  table+="| $name | $rate | $p | $ratio |"$'\n'
done < <(echo "$ours" | grep '^RESULT')
{
  echo
  echo "## $(date -u +%Y-%m-%d) \`benchmarks/run.sh $mode\`"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
       "$(echo "$ours" | grep '^# ' | tr -d '#' | xargs); PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), 2 threads."
  echo
  echo "| measurement (images/s) | Vestis (DL4J) | PyTorch | ratio |"
  echo "| --- | ---: | ---: | ---: |"
  printf "%s" "$table"
} >> benchmarks/RESULTS.md
