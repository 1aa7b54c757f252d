#!/usr/bin/env bash
# Time-to-ready of the sample service as the launching shell sees it, foreground
# (daemon.enabled=false) against detached (daemon.enabled=true), alternating in one run
# so both see the same machine load.
#
#   benchmarks/startup.sh [rounds]      (build first: mvn -B -q package -DskipTests)
#   BASELINE_JAR=/path/to/older/sample-app.jar benchmarks/startup.sh [rounds]
#       also times a detached start of another build in each round, to compare versions
#
# Foreground is ready when Spring Boot logs "Started ..." (the application context is
# up and the web server listens); detached is ready when the launching command returns,
# which bootd does after the later ApplicationReadyEvent. Each round stops what it
# started, by pid.
set -euo pipefail
rounds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/sample-app/target/sample-app.jar"
[ -f "$jar" ] || { echo "build the sample first: mvn -B -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
port=$(( 20000 + RANDOM % 20000 ))
now() { date +%s%N; }

foreground() {
	local start end pid
	rm -f fg.fifo && mkfifo fg.fifo
	start=$(now)
	java -jar "$jar" --daemon.enabled=false --server.port=$port > fg.fifo 2>&1 &
	pid=$!
	# A blocking read, not a polling loop: polling would steal CPU from the JVM under test
	line=$(grep -m1 'Started SampleApplication' < fg.fifo) || { echo "foreground start failed" >&2; exit 1; }
	end=$(now)
	own "$line" >> fg.own
	kill $pid; wait $pid 2>/dev/null || true
	echo $(( (end - start) / 1000000 ))
}

detached() {
	local start end pid jar=${1:-$jar} ownfile=${2:-bg.own}
	start=$(now)
	java -jar "$jar" --server.port=$port --daemon.pid-file="$work/bench.pid" --daemon.output-file="$work/bg.out" > launcher.out
	end=$(now)
	own "$(grep -m1 'Started SampleApplication' "$work/bg.out")" >> "$ownfile"
	rm -f "$work/bg.out"
	pid=$(cat "$work/bench.pid")
	kill $pid
	while kill -0 $pid 2>/dev/null; do sleep 0.01; done
	echo $(( (end - start) / 1000000 ))
}

# The JVM's own view: "process running for N.NNN" when Spring Boot logs "Started"
own() { sed -n 's/.*process running for \([0-9.]*\).*/\1/p' <<< "$1" | awk '{printf "%d\n", $1 * 1000}'; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

detached >/dev/null; foreground >/dev/null   # warm the page cache
: > fg.ms; : > bg.ms; : > fg.own; : > bg.own; : > base.ms; : > base.own
for i in $(seq "$rounds"); do
	foreground >> fg.ms
	detached >> bg.ms
	if [ -n "${BASELINE_JAR:-}" ]; then
		detached "$BASELINE_JAR" base.own >> base.ms
	fi
done
fg=$(median < fg.ms); bg=$(median < bg.ms)
echo "rounds: $rounds"
echo "foreground ms: $(tr '\n' ' ' < fg.ms)"
echo "detached   ms: $(tr '\n' ' ' < bg.ms)"
awk -v f="$fg" -v b="$bg" 'BEGIN { printf "median foreground %d ms, detached %d ms, ratio %.3f\n", f, b, b / f }'
echo "JVM's own time to 'Started': foreground median $(median < fg.own) ms, daemon child median $(median < bg.own) ms"
if [ -n "${BASELINE_JAR:-}" ]; then
	base=$(median < base.ms)
	echo "baseline   ms: $(tr '\n' ' ' < base.ms)"
	awk -v f="$fg" -v b="$base" -v j="$BASELINE_JAR" 'BEGIN { printf "baseline %s: detached median %d ms, ratio %.3f\n", j, b, b / f }'
	echo "baseline daemon child's own time to 'Started': median $(median < base.own) ms"
fi
