#!/usr/bin/env bash
# Time-to-ready of the sample service as the launching shell sees it, foreground
# (daemon.enabled=false) against detached (daemon.enabled=true), alternating in one run
# so that all see the same machine load. Detached is timed twice: the plain jar (bootd
# starts the daemon while logback initializes) and the jar built with bootd's layout
# (its launcher starts the daemon before Spring Boot runs).
#
#   benchmarks/startup.sh [rounds]      (build first: mvn -B -q package -DskipTests)
#   BASELINE_JAR=/path/to/older/sample-app.jar benchmarks/startup.sh [rounds]
#       also times a detached start of another build in each round, to compare versions
#
# Every start is timed to the same point of Spring Boot's start-up: readiness
# (ApplicationReadyEvent, then ReadinessState ACCEPTING_TRAFFIC), which is what the
# detached launcher waits for before it returns. The foreground JVM cannot return, so
# Spring Boot's own debug line for that readiness change ends its time. Each round stops
# what it started, by pid.
set -euo pipefail
rounds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/sample-app/target/sample-app.jar"
launcher_jar="$root/sample-app/target/sample-app-bootd-launcher.jar"
[ -f "$jar" ] && [ -f "$launcher_jar" ] || { echo "build the sample first: mvn -B -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
live=""   # the JVM under test, stopped by pid if the script ends early
trap '[ -z "$live" ] || kill $live 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
port=$(( 20000 + RANDOM % 20000 ))
ready_log=--logging.level.org.springframework.boot.availability=debug
now() { date +%s%N; }

foreground() {
	local start end pid
	rm -f fg.fifo && mkfifo fg.fifo
	start=$(now)
	java -jar "$jar" --daemon.enabled=false --server.port=$port $ready_log > fg.fifo 2>&1 &
	pid=$!; live=$pid
	# A blocking read, not a polling loop: polling would steal CPU from the JVM under test
	# (GNU sed acts on each line as it arrives; mawk would wait for a full buffer)
	rm -f fg.started fg.ready
	sed -n -e '/Started SampleApplication/w fg.started' \
		-e '/ReadinessState changed to ACCEPTING_TRAFFIC/{w fg.ready' -e 'q}' < fg.fifo
	[ -s fg.ready ] || { echo "foreground start failed" >&2; exit 1; }
	end=$(now)
	own < fg.started >> fg.own
	kill $pid; wait $pid 2>/dev/null || true
	live=""
	echo $(( (end - start) / 1000000 ))
}

detached() {
	local start end pid jar=$1 ownfile=$2
	start=$(now)
	java -jar "$jar" --server.port=$port --daemon.pid-file="$work/bench.pid" --daemon.output-file="$work/bg.out" $ready_log > launcher.out
	end=$(now)
	pid=$(cat "$work/bench.pid"); live=$pid
	{ grep -m1 'Started SampleApplication' "$work/bg.out" || true; } | own >> "$ownfile"
	rm -f "$work/bg.out"
	kill $pid
	while kill -0 $pid 2>/dev/null; do sleep 0.01; done
	live=""
	echo $(( (end - start) / 1000000 ))
}

# The JVM's own view: "process running for N.NNN" when Spring Boot logs "Started"
own() { sed -n 's/.*process running for \([0-9.]*\).*/\1/p' | awk '{printf "%d\n", $1 * 1000}'; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# Warm the page cache
detached "$jar" /dev/null >/dev/null; detached "$launcher_jar" /dev/null >/dev/null; foreground >/dev/null
: > fg.ms; : > bg.ms; : > bl.ms; : > base.ms; : > fg.own; : > bg.own; : > bl.own; : > base.own
for i in $(seq "$rounds"); do
	foreground >> fg.ms
	detached "$jar" bg.own >> bg.ms
	detached "$launcher_jar" bl.own >> bl.ms
	if [ -n "${BASELINE_JAR:-}" ]; then
		detached "$BASELINE_JAR" base.own >> base.ms
	fi
done
fg=$(median < fg.ms)
report() { # name, file of times, file of own times
	# Also the median of each round's own ratio: both starts of a round saw the same load
	# (in ten-thousandths, so that median's integers serve)
	local paired
	paired=$(paste "$2" fg.ms | awk '{ printf "%d\n", $1 * 10000 / $2 }' | median | awk '{ print $1 / 10000 }')
	awk -v n="$1" -v f="$fg" -v b="$(median < "$2")" -v o="$(median < "$3")" -v p="$paired" \
		'BEGIN { printf "%-34s median %5d ms, ratio %.3f, median round ratio %.3f  (daemon child to Started: %d ms)\n", n, b, b / f, p, o }'
}
echo "rounds: $rounds"
echo "foreground ms:             $(tr '\n' ' ' < fg.ms)"
echo "detached ms:               $(tr '\n' ' ' < bg.ms)"
echo "detached, bootd launcher:  $(tr '\n' ' ' < bl.ms)"
echo "foreground                         median $fg ms  (JVM to Started: $(median < fg.own) ms)"
report "detached" bg.ms bg.own
report "detached, bootd launcher" bl.ms bl.own
if [ -n "${BASELINE_JAR:-}" ]; then
	echo "baseline ms:               $(tr '\n' ' ' < base.ms)"
	report "baseline $(basename "$BASELINE_JAR")" base.ms base.own
fi
