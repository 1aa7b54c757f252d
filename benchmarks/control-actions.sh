#!/usr/bin/env bash
# Wall-clock time of the control actions as an operator's shell sees them: status of a
# running daemon, status when nothing runs, stop of a running daemon (SIGTERM, graceful
# shutdown, pid file gone), and reload (SIGHUP, wait for the outcome), against the
# packaged sample; and for scale, a bare JVM running an empty class.
#
#   benchmarks/control-actions.sh [rounds]   (build first: mvn -B -q package -DskipTests)
#   ACTION_JAVA_OPTS=-XX:TieredStopAtLevel=1 benchmarks/control-actions.sh [rounds]
#
# ACTION_JAVA_OPTS go to the action JVMs only (as the init script recipe does), never to
# the daemon.
# Each round starts a daemon (not timed), times status, reload and stop on it, then a
# status with nothing running. Everything it starts it stops, by pid.
set -euo pipefail
rounds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/sample-app/target/sample-app.jar"
[ -f "$jar" ] || { echo "build the sample first: mvn -B -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
cleanup() {
	if [ -f "$work/bench.pid" ]; then kill -KILL "$(cat "$work/bench.pid")" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
port=$(( 20000 + RANDOM % 20000 ))
args=(--server.port=$port --daemon.pid-file="$work/bench.pid" --daemon.output-file="$work/bench.out")
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# time_action <file> <expected exit> <action>
time_action() {
	local file=$1 expected=$2 action=$3 start end code=0
	start=$(now)
	# shellcheck disable=SC2086 # word splitting of the options is intended
	java ${ACTION_JAVA_OPTS:-} -jar "$jar" "${args[@]}" --daemon.action="$action" > "$work/action.out" 2>&1 || code=$?
	end=$(now)
	if [ "$code" != "$expected" ]; then
		echo "$action exited $code, expected $expected: $(cat "$work/action.out")" >&2
		exit 1
	fi
	echo $(( (end - start) / 1000000 )) >> "$file"
}

printf 'class Empty { public static void main(String[] a) {} }\n' > Empty.java
javac Empty.java
bare() { local start end; start=$(now); java -cp . Empty; end=$(now); echo $(( (end - start) / 1000000 )); }

: > running.ms; : > stopped.ms; : > stop.ms; : > reload.ms; : > bare.ms
java -jar "$jar" "${args[@]}" --daemon.action=status > /dev/null 2>&1 || true   # warm the page cache
for i in $(seq "$rounds"); do
	java -jar "$jar" "${args[@]}" > /dev/null
	time_action running.ms 0 status
	time_action reload.ms 0 reload
	time_action stop.ms 0 stop
	time_action stopped.ms 3 status
	bare >> bare.ms
done
echo "rounds: $rounds ($(nproc) cores, $(java -version 2>&1 | head -1), ACTION_JAVA_OPTS='${ACTION_JAVA_OPTS:-}', load $(cut -d' ' -f1-3 /proc/loadavg))"
for kind in running stopped reload stop bare; do
	printf '%-8s ms: median %5d  min %5d  max %5d   (%s)\n' "$kind" "$(median < $kind.ms)" \
		"$(sort -n $kind.ms | head -1)" "$(sort -n $kind.ms | tail -1)" "$(tr '\n' ' ' < $kind.ms)"
done
