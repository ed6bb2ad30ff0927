#!/usr/bin/env bash
# The Spark job against plain analyze (issue 26): N copies of a real clip (default 10 x TUD-Stadtmitte, 640x480,
# 179 frames, 5-8 people) analysed
#   1. by N sequential `./vestis analyze FILE --out DIR --no-video` runs (one process each, as a shell loop would),
#   2. by one `./vestis analyze FILE... --no-video` run over all N (one process, the models loaded once), and
#   3. by the Spark job in local[2] mode, started through Spark's own launcher class (org.apache.spark.deploy.SparkSubmit,
#      what the spark-submit script runs) with the jar `mvn package` builds and target/lib as --jars: the README's recipe.
# Prints the wall time of each, the ratio, the per-video task times and the peak resident memory of the Spark JVM
# (sampled every second). benchmarks/RESULTS.md records the figures with the date and machine.
#   benchmarks/spark.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
clip=${VESTIS_BENCH_CLIP:-../shared/data/mot/TUD-Stadtmitte/TUD-Stadtmitte.mp4}
n=${1:-10}
out=target/bench-spark
rm -rf "$out" && mkdir -p "$out/videos"
for i in $(seq -w 1 "$n"); do cp "$clip" "$out/videos/clip-$i.mp4"; done
[ -f target/vestis.jar ] && [ -z "$(find src/main pom.xml -newer target/vestis.jar -print -quit)" ] || mvn -q -B -DskipTests package >&2
# Spark itself, as a cluster would provide it: the provided-scope jars from the local Maven repository.
mvn -q -B dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile="$out/spark-classpath.txt" >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(date +%s.%N)
for f in "$out"/videos/*.mp4; do ./vestis analyze "$f" --out "$out/analyze" --no-video > /dev/null 2>&1; done
t1=$(date +%s.%N)
sequential=$(echo "$t1 - $t0" | bc)
echo "sequential analyze: $n videos in $sequential s"
t0=$(date +%s.%N)
./vestis analyze "$out"/videos/*.mp4 --out "$out/analyze-one" --no-video > /dev/null 2>&1
t1=$(date +%s.%N)
one=$(echo "$t1 - $t0" | bc)
echo "one analyze run over all $n: $one s"

export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
--add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"
jars=$(ls target/lib/*.jar | paste -sd, -)
t0=$(date +%s.%N)
java -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=12G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G $opens \
  -cp "$(cat "$out/spark-classpath.txt")" org.apache.spark.deploy.SparkSubmit \
  --master 'local[2]' --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
  --class org.vestis.spark.SparkAnalyze --jars "$jars" target/vestis.jar \
  "$out/videos/*.mp4" --out "$out/spark" --home "$(pwd)" > "$out/spark.log" 2>&1 &
pid=$!
peak=0
while kill -0 $pid 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  sleep 1
done
wait $pid || { tail -20 "$out/spark.log"; exit 1; }
t1=$(date +%s.%N)
spark=$(echo "$t1 - $t0" | bc)
grep -E "videos:" "$out/spark.log" || true
echo "spark local[2]: $n videos in $spark s, peak RSS $((peak / 1024)) MiB; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -o "models of .* loaded in [0-9.]* s" "$out/spark.log" || true
python3 - "$out" "$sequential" "$spark" "$one" <<'PY'
import json, sys
out, seq, spark, one = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
s = json.load(open(out + "/spark/summary.json"))["inputs"]
tasks = [e["taskSeconds"] for e in s if "taskSeconds" in e]
print("spark / sequential runs wall time: %.2f (%+.0f%%)" % (spark / seq, 100 * (spark / seq - 1)))
print("spark / one analyze run wall time: %.2f (%+.0f%%)" % (spark / one, 100 * (spark / one - 1)))
print("per-video task seconds (analysis inside the executor): min %.1f, median %.1f, max %.1f; frames/s per video: %s"
      % (min(tasks), sorted(tasks)[len(tasks) // 2], max(tasks), ", ".join("%.1f" % e["fps"] for e in s if "fps" in e)))
PY
# The same tracks from both: every video's tracks.csv equal.
same=0; for f in "$out"/analyze/*.tracks.csv; do cmp -s "$f" "$out/spark/$(basename "$f")" && same=$((same + 1)); done
echo "tracks.csv identical to analyze's: $same of $n"
