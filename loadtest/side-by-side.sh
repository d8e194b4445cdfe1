#!/usr/bin/env bash
# Runs one workload alternately against Conductor OSS and Baton on this machine, both on loopback,
# prints every RESULT line and the ratio of the medians, and stops everything it started on exit.
# See loadtest/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: loadtest/side-by-side.sh [options] [-- extra loadtest options]

  --workload W       W1, W3, WS, WSM or WF (default W3)
  --mode M           throughput, latency or holding (default throughput)
  --rounds N         runs per server, alternating (default 3)
  --duration S       measured seconds per run (default 60)
  --warmup S         warm-up seconds per run (default 10)
  --prime S          before round 1, an unreported run of S seconds against each server, so
                     neither is measured with a cold JIT (default 0: none)
  --heap SIZE        -Xmx of both servers (default 1g)
  --conductor-store sqlite|postgres
                     Conductor's store (default sqlite, its default)
  --baton-store h2|postgres
                     Baton's journal (default postgres: what production runs)
  --db default|postgres
                     shorthand for both: default = SQLite and H2; postgres = both on PostgreSQL.
                     Whoever uses PostgreSQL gets its own database on one PostgreSQL 15 the
                     script starts on loopback (fsync on)
  --servers both|conductor|baton   which to run (default both)
  --keep             keep the work directory (logs, databases) instead of deleting it
Everything after -- goes to every loadtest run, e.g. -- --rate 50 --workers 4.

Environment: JAVA (Baton and the load generator, 17+; default java), JAVA21 (Conductor, 21+;
default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), PG_BIN (default /usr/lib/postgresql/15/bin).
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOADTEST_JAR=$ROOT/loadtest/target/baton-loadtest-0.1.0-SNAPSHOT-all.jar
BATON_JAR=$ROOT/http/target/baton-http-0.1.0-SNAPSHOT-all.jar
CONDUCTOR_VERSION=3.32.3
CONDUCTOR_DIR=$ROOT/loadtest/target/conductor
CONDUCTOR_JAR=$CONDUCTOR_DIR/conductor-server-$CONDUCTOR_VERSION-boot.jar
JAVA=${JAVA:-java}
JAVA21=${JAVA21:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
READY_LIMIT_S=240

WORKLOAD=W3 MODE=throughput ROUNDS=3 DURATION=60 WARMUP=10 PRIME=0 HEAP=1g SERVERS=both KEEP=0
CONDUCTOR_STORE=sqlite BATON_STORE=postgres
EXTRA=()
while (($#)); do
  case $1 in
    --workload) WORKLOAD=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --prime) PRIME=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --conductor-store) CONDUCTOR_STORE=$2; shift 2 ;;
    --baton-store) BATON_STORE=$2; shift 2 ;;
    --db)
      case $2 in default) CONDUCTOR_STORE=sqlite BATON_STORE=h2 ;; postgres) CONDUCTOR_STORE=postgres BATON_STORE=postgres ;;
        *) echo "--db must be default or postgres" >&2; exit 2 ;; esac
      shift 2 ;;
    --servers) SERVERS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case $CONDUCTOR_STORE in sqlite|postgres) ;; *) echo "--conductor-store must be sqlite or postgres" >&2; exit 2 ;; esac
case $BATON_STORE in h2|postgres) ;; *) echo "--baton-store must be h2 or postgres" >&2; exit 2 ;; esac
case $SERVERS in both) NAMES=(conductor baton) ;; conductor|baton) NAMES=("$SERVERS") ;;
  *) echo "--servers must be both, conductor or baton" >&2; exit 2 ;; esac
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "--rounds must be a positive number" >&2; exit 2; }
[[ $PRIME =~ ^[0-9]+$ ]] || { echo "--prime must be a number of seconds" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/baton-side-by-side.XXXXXX")
declare -A PID URL
# shellcheck source=loadtest/bench-lib.sh
source "$ROOT/loadtest/bench-lib.sh"

cleanup() {
  local name pid
  for name in "${!PID[@]}"; do
    pid=${PID[$name]}
    kill "$pid" 2>/dev/null || true
  done
  for name in "${!PID[@]}"; do
    pid=${PID[$name]}
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  stop_postgres
  if ((KEEP)); then echo "logs and data kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() {
  local name=$1 log=$2
  wait_for "$name" "${URL[$name]}/api/metadata/taskdefs" "${PID[$name]}" "$log"
  echo "$name ready at ${URL[$name]} (pid ${PID[$name]})"
}

# Conductor and Baton each get a database on one PostgreSQL.
start_shared_postgres() {
  start_postgres
  psql_cmd "CREATE DATABASE conductor"
  psql_cmd "CREATE DATABASE baton"
}

start_conductor() {
  if [[ ! -f $CONDUCTOR_JAR ]]; then
    echo "fetching conductor-server $CONDUCTOR_VERSION (boot) from Maven Central"
    (cd "$ROOT" && mvn -q dependency:copy \
      -Dartifact=org.conductoross:conductor-server:$CONDUCTOR_VERSION:jar:boot -DoutputDirectory="$CONDUCTOR_DIR")
  fi
  local port args dir=$WORK/conductor log=$WORK/conductor.log
  free_port port
  mkdir -p "$dir"
  args=(--server.address=127.0.0.1 --server.port="$port" --conductor.grpc-server.enabled=false
    --conductor.integrations.ai.enabled=false)
  if [[ $CONDUCTOR_STORE == postgres ]]; then
    args+=(--conductor.db.type=postgres --conductor.queue.type=postgres --conductor.indexing.type=postgres
      --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/conductor"
      --spring.datasource.username=postgres --spring.datasource.password=postgres)
  fi
  # The SQLite files land in the working directory, a fresh one for every run of this script.
  (cd "$dir" && exec "$JAVA21" -Xmx"$HEAP" -jar "$CONDUCTOR_JAR" "${args[@]}") >"$log" 2>&1 &
  PID[conductor]=$!
  URL[conductor]=http://127.0.0.1:$port
  wait_ready conductor "$log"
}

start_baton() {
  if [[ ! -f $BATON_JAR ]]; then
    echo "missing $BATON_JAR; build it with: mvn -q -pl http -am package -DskipTests" >&2
    return 1
  fi
  local port cluster_port management_port log=$WORK/baton.log
  free_port port
  free_port cluster_port
  free_port management_port
  mkdir -p "$WORK/baton-data"
  local env=(BATON_HTTP_HOST=127.0.0.1 BATON_HTTP_PORT="$port" BATON_DATA_DIR="$WORK/baton-data"
    BATON_CLUSTER_HOST=127.0.0.1 BATON_CLUSTER_PORT="$cluster_port" BATON_MANAGEMENT_PORT="$management_port")
  if [[ $BATON_STORE == postgres ]]; then
    env+=(BATON_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/baton" BATON_DB_USER=postgres BATON_DB_PASSWORD=postgres)
  fi
  env "${env[@]}" "$JAVA" -Xmx"$HEAP" -jar "$BATON_JAR" >"$log" 2>&1 &
  PID[baton]=$!
  URL[baton]=http://127.0.0.1:$port
  wait_ready baton "$log"
}

ensure_loadtest_jar

echo "machine: $(machine);" \
  "heap -Xmx$HEAP for both servers; Conductor store: $CONDUCTOR_STORE; Baton journal: $BATON_STORE" \
  "$( [[ $CONDUCTOR_STORE == postgres || $BATON_STORE == postgres ]] && echo '(PostgreSQL 15, fsync on)');" \
  "$(date -u +%Y-%m-%dT%H:%MZ)"
echo "workload=$WORKLOAD mode=$MODE rounds=$ROUNDS warmup=${WARMUP}s duration=${DURATION}s extra: ${EXTRA[*]:-none}"

uses_postgres() { [[ $1 == conductor && $CONDUCTOR_STORE == postgres || $1 == baton && $BATON_STORE == postgres ]]; }
for name in "${NAMES[@]}"; do if uses_postgres "$name"; then start_shared_postgres; break; fi; done
for name in "${NAMES[@]}"; do "start_$name"; done

declare -A RESULTS
run_once() {
  local name=$1 round=$2 log=$WORK/$1-round$2.log
  local args=(--url "${URL[$name]}" --workload "$WORKLOAD" --mode "$MODE" --duration "$DURATION" --warmup "$WARMUP")
  [[ $MODE == holding ]] && args+=(--server-pid "${PID[$name]}")
  echo "--- round $round: $name (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  # A run with errors exits non-zero; its RESULT line still counts and shows them.
  "$JAVA" -jar "$LOADTEST_JAR" "${args[@]}" "${EXTRA[@]}" 2>&1 | tee "$log" | grep -E '^(RESULT|HOLDING|started|terminated|check:|calls|server memory|error)' || true
  local line
  line=$(grep '^RESULT' "$log" | tail -n 1 || true)
  if [[ -z $line ]]; then echo "no RESULT line from $name in round $round; see $log" >&2; return 0; fi
  RESULTS[$name]+="$line"$'\n'
}

if ((PRIME > 0)); then
  for name in "${NAMES[@]}"; do
    echo "--- priming $name for ${PRIME}s (not reported)"
    "$JAVA" -jar "$LOADTEST_JAR" --url "${URL[$name]}" --workload "$WORKLOAD" --mode throughput --warmup 0 \
      --duration "$PRIME" --drain 10 --check-all 0 --check-sample 1 >"$WORK/$name-prime.log" 2>&1 || true
  done
fi

for round in $(seq 1 "$ROUNDS"); do
  # Alternate who goes first, so neither always runs on the warmer machine.
  if ((round % 2)); then order=("${NAMES[@]}"); else order=(); for ((i = ${#NAMES[@]} - 1; i >= 0; i--)); do order+=("${NAMES[$i]}"); done; fi
  for name in "${order[@]}"; do run_once "$name" "$round"; done
done

# The median of one RESULT field over a server's runs.
median() {
  printf '%s' "${RESULTS[$1]:-}" | median_of "$2"
}

echo
echo "=== all RESULT lines"
for name in "${NAMES[@]}"; do printf '%s' "${RESULTS[$name]:-}"; done
echo "=== medians over $ROUNDS rounds"
FIELDS=(workflows_per_s tasks_per_s p50_ms p99_ms errors not_completed)
for name in "${NAMES[@]}"; do
  line="$name:"
  for f in "${FIELDS[@]}"; do line+=" $f=$(median "$name" "$f")"; done
  echo "$line"
done
if [[ $SERVERS == both ]]; then
  line="ratio baton/conductor (rates: higher is better; latencies: lower is better):"
  for f in workflows_per_s tasks_per_s p50_ms p99_ms; do
    b=$(median baton "$f") c=$(median conductor "$f")
    line+=" $f=$(awk -v b="$b" -v c="$c" 'BEGIN {if (b + 0 == b && c + 0 == c && c != 0) printf "%.2f", b / c; else print "n/a"}')"
  done
  echo "$line"
fi
