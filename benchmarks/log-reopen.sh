#!/usr/bin/env bash
# Log reopen under load: bootd's LogReopener against logback's stop(); start(), 4 threads
# logging numbered lines while the file is renamed and reopened; lost and duplicated lines
# counted. The two variants alternate round by round in one JVM.
#
#   benchmarks/log-reopen.sh [cycles] [rounds]    (default 100 cycles, 3 rounds of each)
#
# Builds the benchmarks module (profile 'benchmarks') without installing anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -Pbenchmarks package -pl benchmarks -am -DskipTests >&2
exec java -jar benchmarks/target/benchmarks.jar log-reopen "${1:-100}" "${2:-3}"
