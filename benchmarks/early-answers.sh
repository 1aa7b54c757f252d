#!/usr/bin/env bash
# Wall-clock time of the answers bootd gives before the application starts, as an
# operator's shell sees them: --daemon.action=status of a running daemon and with none
# running, and a second start of a running daemon ("already running"), each with the
# plain jar (answered while logback initializes) and with bootd's launcher layout
# (answered before Spring Boot runs); side by side with `java -version` and with the
# same answers taken the long way, through Spring Boot's configuration loading (forced
# by --spring.config.name=application, which names the default and so changes nothing
# but makes the early reading step aside). Every variant runs once per round, in turn,
# so that all see the same machine load.
#
#   benchmarks/early-answers.sh [rounds]   (build first: mvn -B -q package -DskipTests)
#
# Each round starts a daemon (not timed), times the answers against it, stops it (not
# timed) and times the status with nothing running. Everything it starts it stops, by pid.
set -euo pipefail
rounds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/sample-app/target/sample-app.jar"
launcher_jar="$root/sample-app/target/sample-app-bootd-launcher.jar"
[ -f "$jar" ] && [ -f "$launcher_jar" ] || { echo "build the sample first: mvn -B -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
cleanup() {
	if [ -f "$work/bench.pid" ]; then kill -KILL "$(cat "$work/bench.pid")" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
port=$(( 20000 + RANDOM % 20000 ))
args=(--server.port=$port --daemon.pid-file="$work/bench.pid" --daemon.output-file="$work/bench.out")
long_way=--spring.config.name=application
now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# timed <file> <expected exit> <expected output> <command...>
timed() {
	local file=$1 expected=$2 says=$3 start end code=0
	shift 3
	start=$(now)
	"$@" > "$work/answer.out" 2>&1 || code=$?
	end=$(now)
	if [ "$code" != "$expected" ] || ! grep -q "$says" "$work/answer.out"; then
		echo "$* exited $code, expected $expected and '$says': $(cat "$work/answer.out")" >&2
		exit 1
	fi
	echo $(( (end - start) / 1000000 )) >> "$file"
}

variants="version status-jar status-launcher status-long stopped-jar stopped-launcher stopped-long again-jar again-launcher again-long"
for v in $variants; do : > "$v.ms"; done
java -jar "$jar" "${args[@]}" --daemon.action=status > /dev/null 2>&1 || true   # warm the page cache
for i in $(seq "$rounds"); do
	java -jar "$jar" "${args[@]}" > /dev/null
	timed version.ms 0 "version" java -version
	timed status-jar.ms 0 "is running" java -jar "$jar" "${args[@]}" --daemon.action=status
	timed status-launcher.ms 0 "is running" java -jar "$launcher_jar" "${args[@]}" --daemon.action=status
	timed status-long.ms 0 "is running" java -jar "$jar" "${args[@]}" $long_way --daemon.action=status
	timed again-jar.ms 0 "already running" java -jar "$jar" "${args[@]}"
	timed again-launcher.ms 0 "already running" java -jar "$launcher_jar" "${args[@]}"
	timed again-long.ms 0 "already running" java -jar "$jar" "${args[@]}" $long_way
	java -jar "$jar" "${args[@]}" --daemon.action=stop > /dev/null
	timed stopped-jar.ms 3 "is not running" java -jar "$jar" "${args[@]}" --daemon.action=status
	timed stopped-launcher.ms 3 "is not running" java -jar "$launcher_jar" "${args[@]}" --daemon.action=status
	timed stopped-long.ms 3 "is not running" java -jar "$jar" "${args[@]}" $long_way --daemon.action=status
done
echo "rounds: $rounds ($(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg))"
for v in $variants; do
	printf '%-17s ms: median %5d  min %5d  max %5d   (%s)\n' "$v" "$(median < "$v.ms")" \
		"$(sort -n "$v.ms" | head -1)" "$(sort -n "$v.ms" | tail -1)" "$(tr '\n' ' ' < "$v.ms")"
done
