#!/usr/bin/env bash
# Reload latency: bootd's SIGHUP against spring-cloud-context's ContextRefresher.refresh()
# on an application with 100 @ConfigurationProperties beans and one changed key.
#
#   benchmarks/reload.sh [rounds]        (default 30, after 5 warm-up rounds)
#   (the log reopen benchmark has its own script: benchmarks/log-reopen.sh)
#
# Builds the benchmarks module (profile 'benchmarks') without installing anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -Pbenchmarks package -pl benchmarks -am -DskipTests >&2
exec java -jar benchmarks/target/benchmarks.jar reload "${1:-30}"
