#!/usr/bin/env bash
# Load test of `vestis serve` on loopback (issue 24): 20 sellers upload 500 real product photos at once through the
# JSON API while a manager accepts tags from the review queue. Afterwards the server is stopped and its H2 database
# read back: no upload lost or duplicated (rows vs what the clients sent), every photo tagged once, latency from
# upload to tagged (the database's uploaded_at and tagged_at), photos per second, server RSS. Appends a section to
# benchmarks/RESULTS.md.
#
#   benchmarks/shop-load.sh [--sellers N] [--photos N] [--photo-dir DIR] [--no-results]
set -euo pipefail
cd "$(dirname "$0")/.."
sellers=20
photos=500
photo_dir=../shared/data/clothing-dataset-small
record=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sellers) sellers="$2"; shift 2 ;;
    --photos) photos="$2"; shift 2 ;;
    --photo-dir) photo_dir="$2"; shift 2 ;;
    --no-results) record=0; shift ;;
    *) echo "usage: $0 [--sellers N] [--photos N] [--photo-dir DIR] [--no-results]" >&2; exit 2 ;;
  esac
done
[ -d "$photo_dir" ] || { echo "No photos at $photo_dir (clothing-dataset-small); give --photo-dir." >&2; exit 1; }
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
h2_jar=$(ls target/lib/h2-*.jar | head -n 1)

work=$(mktemp -d /tmp/vestis-shop-load.XXXXXX)
data="$work/data"
password="load-test-password-$$"
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

# Accounts: the manager and one seller through the command line, the other sellers as copies of that seller's row
# (the same bcrypt hash: one JVM start instead of twenty).
echo "$password" | ./vestis serve --data-dir "$data" --create-manager manager >/dev/null
echo "$password" | ./vestis serve --data-dir "$data" --create-user seller01 --role seller >/dev/null
inserts=""
for k in $(seq 2 "$sellers"); do
  inserts+="INSERT INTO users(name, role, password_hash, created_at) SELECT 'seller$(printf %02d "$k")', role, password_hash, created_at FROM users WHERE name = 'seller01';"
done
[ -z "$inserts" ] || java -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$data/shop" -user "" -password "" -sql "$inserts" >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./vestis serve --data-dir "$data" --port "$port" --garment-bundle none > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

start_date=$(date -u +%Y-%m-%d)
python3 benchmarks/shop_load.py --base "http://127.0.0.1:$port" --sellers "$sellers" --photos "$photos" \
  --photo-dir "$photo_dir" --password "$password" --server-pid "$server_pid" --out "$work/summary.json"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
status=0
python3 benchmarks/shop_load.py report --summary "$work/summary.json" --db "$data/shop" --h2-jar "$h2_jar" \
  --markdown "$work/table.md" || status=$?

if [ "$record" = 1 ]; then
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
  {
    echo
    echo "## $start_date \`benchmarks/shop-load.sh\` (vestis serve under load)"
    echo
    echo "Machine: $(nproc) cores, $cpu, $mem; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Command: \`benchmarks/shop-load.sh --sellers $sellers --photos $photos\`: \`./vestis serve --garment-bundle none\`"
    echo "(H2 file, clothing-mobilenetv2 tagging one photo at a time), $sellers seller threads uploading $photos distinct"
    echo "photos of \`$(basename "$photo_dir")\` (validation, then train) through \`POST /api/batches/{id}/photos\`, one"
    echo "manager accepting every tag of the review queue through \`/api/tags/{id}/accept\` meanwhile; counts and the"
    echo "database's \`uploaded_at\`/\`tagged_at\` read back after the server stopped; RSS sampled once a second."
    echo
    cat "$work/table.md"
    echo
    echo "Upload to tagged is mostly time in the queue: the sellers send faster than the one tagging worker classifies"
    echo "(one photo at a time; \"tagging one photo\" is the gap between consecutive tags while photos were waiting)."
    [ "$status" = 0 ] && echo && echo "Verdict: no upload lost or duplicated, every photo tagged exactly once." \
      || { echo; echo "Verdict: FAILED (see the counts above)."; }
  } >> benchmarks/RESULTS.md
  echo "Appended to benchmarks/RESULTS.md" >&2
fi
echo "Work folder: $work" >&2
exit "$status"
