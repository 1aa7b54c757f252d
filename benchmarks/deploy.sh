#!/usr/bin/env bash
# A deploy under load: failed requests and latency while the sample daemon is restarted N
# times (--daemon.action=restart, the port closed while the new JVM starts) and then
# upgraded N times (--daemon.action=upgrade, the listening socket handed to the successor),
# side by side in one run, with ≥ 8 closed-loop clients on loopback, in two modes: a new
# TCP connection per request, and one persistent HTTP/1.1 connection per client.
#
#   benchmarks/deploy.sh [N]            (N actions of each kind, default 10; build first:
#                                        mvn -o -B -q -pl sample-app -am package -DskipTests)
#   CLIENTS=8 WARMUP_SECONDS=10 STEADY_SECONDS=30 PAUSE_SECONDS=2 MODES='new-connection keep-alive'
#   ACTIONS='restart upgrade' SAMPLE_JAR=/path/to/sample-app.jar KEEP_DIR=/some/dir SAMPLE_ARGS='...' RATE=0 benchmarks/deploy.sh 10
#
# RATE paces the clients to that many requests per second in all (0, the default: closed
# loops that saturate the server and, on a small machine, the cores the successor needs to
# start); a paced request's latency counts from its slot in the schedule, and a client more
# than a second behind it (an outage) drops the slots it missed.
#
# Per mode, one load generator (benchmarks/src/main/java/.../load, compiled here with javac
# alone: nothing else is built) runs through these phases, told by a line on its stdin:
#   warm-up  WARMUP_SECONDS, not a measurement (the daemon's JIT);
#   steady   STEADY_SECONDS of plain serving: the reference;
#   restart  N × --daemon.action=restart, each followed by PAUSE_SECONDS of serving (what a
#            cold successor costs belongs to the deploy);
#   settle   WARMUP_SECONDS, not a measurement;
#   upgrade  N × --daemon.action=upgrade, the same way; reported as "not available" when
#            this build does not know the action (probed once against a pid file nobody holds:
#            a build that knows it answers 7, "not running").
# A request belongs to the phase in effect when it started. A failure is a request the client
# could not get a 2xx for; after one, that client waits 10 ms (a loop spinning on refusals
# would steal the cores the starting JVM needs, and count its own spin rate). A keep-alive
# client retries on a new connection only when a reused connection failed before any byte
# of the response arrived (HTTP's rule for idempotent requests): such retries are counted
# apart, and are not failures when the retry got its 2xx.
#
# Loopback only. Everything the script starts it stops by pid: the load generators, and the
# daemon by its pid file (--daemon.action=stop), then any daemon pid it saw that still runs
# with this run's pid file on its command line (SIGKILL).
set -euo pipefail
n=${1:-10}
clients=${CLIENTS:-8}
warmup=${WARMUP_SECONDS:-10}
steady=${STEADY_SECONDS:-30}
pause=${PAUSE_SECONDS:-2}
modes=${MODES:-new-connection keep-alive}
rate=${RATE:-0}
actions=${ACTIONS:-restart upgrade}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${SAMPLE_JAR:-$root/sample-app/target/sample-app.jar}
[ -f "$jar" ] || { echo "build the sample first: mvn -o -B -q -pl sample-app -am package -DskipTests" >&2; exit 2; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
[ "$clients" -ge 8 ] || echo "warning: CLIENTS=$clients: the issue's figures need at least 8 clients" >&2
[ "$n" -ge 10 ] || echo "warning: N=$n: the issue's figures need at least 10 actions of each kind (a short run)" >&2

work=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
args=(--daemon.enabled=true --server.port=$port --daemon.pid-file="$work/sample.pid"
	--daemon.output-file="$work/sample.out")
# SAMPLE_ARGS: more application arguments, such as --daemon.startup-timeout=180s on a loaded
# machine (a start beyond daemon.startup-timeout fails a restart and an upgrade alike)
read -r -a extra <<< "${SAMPLE_ARGS:-}"
args+=("${extra[@]}")
generator=""   # the running load generator's pid
daemons=" "    # every daemon pid seen in the pid file
cleanup() {
	{ exec 3>&-; } 2>/dev/null || true
	if [ -n "$generator" ]; then kill "$generator" 2>/dev/null || true; fi
	if [ -f "$work/sample.pid" ]; then
		java -jar "$jar" "${args[@]}" --daemon.action=stop > /dev/null 2>&1 || true
	fi
	for pid in $daemons; do
		# Only a process of this run: its command line names this run's pid file
		if tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "$work/sample.pid"; then
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done
	if [ -n "${KEEP_DIR:-}" ]; then mkdir -p "$KEEP_DIR" && cp -r "$work"/. "$KEEP_DIR"/; fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'exit 141' PIPE
cd "$work"
now() { date +%s%N; }
note_daemon() { local pid; pid=$(cat "$work/sample.pid" 2>/dev/null || true); [ -z "$pid" ] || daemons+="$pid "; echo "${pid:--}"; }

javac -d "$work/classes" "$root"/benchmarks/src/main/java/io/github/bootd/benchmarks/load/*.java

upgrade_available=yes
probe=0
java -jar "$jar" --daemon.pid-file="$work/probe.pid" --daemon.action=upgrade > probe.out 2>&1 || probe=$?
if [ "$probe" = 2 ] && grep -q "not an action bootd knows" probe.out; then
	upgrade_available=no
elif [ "$probe" != 7 ]; then
	echo "warning: the upgrade probe (nothing running) exited $probe, expected 7: $(cat probe.out)" >&2
fi

java -jar "$jar" "${args[@]}" > start.out
note_daemon > /dev/null

# run_actions <mode> <action>: N actions, PAUSE_SECONDS after each, one line per action in actions.txt
run_actions() {
	local mode=$1 action=$2 i start end code before after
	for i in $(seq "$n"); do
		before=$(cat "$work/sample.pid" 2>/dev/null || echo -)
		code=0
		start=$(now)
		java -jar "$jar" "${args[@]}" --daemon.action="$action" > action.out 2>&1 || code=$?
		end=$(now)
		after=$(note_daemon)
		echo "$mode $action $i $code $(( (end - start) / 1000000 )) $before $after" >> actions.txt
		if [ "$code" != 0 ]; then
			echo "$mode $action $i exited $code: $(tr '\n' ' ' < action.out)" >> action-failures.txt
		fi
		sleep "$pause"
	done
}

: > actions.txt
for mode in $modes; do
	mkfifo "$mode.ctl"
	java -Xmx512m -cp "$work/classes" io.github.bootd.benchmarks.load.LoadGenerator --port=$port \
		--clients="$clients" --rate="$rate" --mode="$mode" --first-phase=warm-up --raw="$work/$mode.csv" < "$mode.ctl" > "$mode.report" &
	generator=$!
	exec 3> "$mode.ctl"
	sleep "$warmup"
	echo "phase steady" >&3; sleep "$steady"
	for action in $actions; do
		if [ "$action" = upgrade ] && [ "$upgrade_available" = no ]; then continue; fi
		if [ "$action" != "${actions%% *}" ]; then echo "phase settle" >&3; sleep "$warmup"; fi
		echo "phase $action" >&3
		run_actions "$mode" "$action"
	done
	echo "stop" >&3
	exec 3>&-
	wait "$generator"
	generator=""
done
java -jar "$jar" "${args[@]}" --daemon.action=stop > stop.out 2>&1 || echo "warning: stop exited $?: $(cat stop.out)" >&2

echo "deploy benchmark: N=$n, $clients clients, rate ${rate} req/s (0: closed loops), warm-up ${warmup} s, steady ${steady} s, ${pause} s after each action," \
	"$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(date -u +%FT%TZ)"
echo "jar: $jar ($(date -u -r "$jar" +%FT%TZ)); $(java -version 2>&1 | head -1)"
first=yes
for mode in $modes; do
	if [ $first = yes ]; then grep '^|' "$mode.report"; first=no; else grep '^|' "$mode.report" | tail -n +3; fi
done
for mode in $modes; do grep -v '^|' "$mode.report" || true; done
if [ "$upgrade_available" = no ]; then
	echo "upgrade: not available (this build's --daemon.action=upgrade: $(head -c 200 probe.out))"
fi
echo
echo "actions (wall-clock ms as the shell saw them):"
for mode in $modes; do
	for action in $actions; do
		grep "^$mode $action " actions.txt > this.txt || continue
		awk '{ print $5 }' this.txt | sort -n > ms.txt
		count=$(wc -l < ms.txt)
		median=$(awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }' ms.txt)
		printf '  %-15s %-8s %2d actions: median %6d ms (%d-%d), exit codes: %s; pid changed %d times\n' \
			"$mode" "$action" "$count" "$median" "$(head -1 ms.txt)" "$(tail -1 ms.txt)" \
			"$(awk '{ print $4 }' this.txt | sort | uniq -c | awk '{ printf "%s%s x %s", sep, $2, $1; sep = ", " }')" \
			"$(awk '$6 != $7' this.txt | wc -l)"
	done
done
if [ -s action-failures.txt ]; then echo "failed actions:"; cat action-failures.txt; fi
