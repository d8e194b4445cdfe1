#!/usr/bin/env bash
# Runs the load generator against Baton clusters of 1, 2, 3... nodes on this machine, all on one
# PostgreSQL on loopback, prints every RESULT line prefixed with nodes=N and a summary per node
# count, and stops everything it started on exit. See loadtest/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: loadtest/cluster-bench.sh [options] [-- extra loadtest options]

  --nodes LIST       node counts to run, in order, comma-separated (default 1,2,3)
  --workload W       W1, W3, WS, WSM or WF (default W3)
  --rounds N         measured runs per node count (default 1)
  --duration S       measured seconds per run (default 60)
  --warmup S         warm-up seconds per run (default 10)
  --prime S          after a cluster forms, an unreported run of S seconds first, so the
                     nodes are not measured with a cold JIT (default 0: none)
  --heap SIZE        -Xmx of every node; N nodes on this machine take N times that (default 1g)
  --keep             keep the work directory (logs, database) instead of deleting it
Everything after -- goes to every loadtest run, e.g. -- --workers 16 --in-flight 1000.

For every node count: a fresh database, N nodes from http/target/baton-http-0.1.0-SNAPSHOT-all.jar
joined by seed nodes, the load generator with --url listing all N (every call goes to the next node
in turn), then the nodes are stopped. Environment: JAVA (17+; default java), PG_BIN (default
/usr/lib/postgresql/15/bin).
EOF
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOADTEST_JAR=$ROOT/loadtest/target/baton-loadtest-0.1.0-SNAPSHOT-all.jar
BATON_JAR=$ROOT/http/target/baton-http-0.1.0-SNAPSHOT-all.jar
JAVA=${JAVA:-java}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
READY_LIMIT_S=240
STOP_LIMIT_S=45

NODES=1,2,3 WORKLOAD=W3 ROUNDS=1 DURATION=60 WARMUP=10 PRIME=0 HEAP=1g KEEP=0
EXTRA=()
while (($#)); do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --workload) WORKLOAD=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --prime) PRIME=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $NODES =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "--nodes must be a list like 1,2,3 of counts from 1, got '$NODES'" >&2; exit 2; }
IFS=, read -r -a COUNTS <<<"$NODES"
for n in "${COUNTS[@]}"; do ((n <= 9)) || { echo "--nodes: at most 9 nodes on one machine, got $n" >&2; exit 2; }; done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "--rounds must be a positive number" >&2; exit 2; }
[[ $PRIME =~ ^[0-9]+$ ]] || { echo "--prime must be a number of seconds" >&2; exit 2; }
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || { echo "--duration must be a positive number of seconds" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+$ ]] || { echo "--warmup must be a number of seconds" >&2; exit 2; }
[[ $HEAP =~ ^[1-9][0-9]*[kKmMgG]?$ ]] || { echo "--heap must be a size like 1g or 512m" >&2; exit 2; }
if [[ ! -f $BATON_JAR ]]; then
  echo "missing $BATON_JAR; build it with: mvn -q -pl http -am package -DskipTests" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/baton-cluster-bench.XXXXXX")
NODE_PIDS=()
# shellcheck source=loadtest/bench-lib.sh
source "$ROOT/loadtest/bench-lib.sh"

# SIGTERM to every node, a bounded wait for all of them, then SIGKILL for any still there.
stop_nodes() {
  local pid deadline=$((SECONDS + STOP_LIMIT_S)) killed=0
  ((${#NODE_PIDS[@]})) || return 0
  for pid in "${NODE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${NODE_PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; killed=$((killed + 1)); fi
  done
  for pid in "${NODE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  ((killed == 0)) || echo "$killed node(s) did not stop within ${STOP_LIMIT_S}s of SIGTERM and were killed" >&2
  NODE_PIDS=()
}

cleanup() {
  stop_nodes
  stop_postgres
  if ((KEEP)); then echo "logs and data kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Members with status Up in a node's GET /cluster/members answer.
members_up() {
  curl -sf --max-time 5 "$1/cluster/members" | grep -o '"status" *: *"Up"' | wc -l || true
}

# Starts N nodes on database $DB: node 1 is the seed every node names, so it forms the cluster
# and the others join it. Fills HTTP_URLS and MGMT_URLS.
start_cluster() {
  local n=$1 dir=$2 i seed_port http_port cluster_port mgmt_port log
  HTTP_URLS=() MGMT_URLS=() LOGS=()
  free_port seed_port
  for ((i = 1; i <= n; i++)); do
    free_port http_port
    free_port mgmt_port
    if ((i == 1)); then cluster_port=$seed_port; else free_port cluster_port; fi
    log=$dir/node$i.log
    mkdir -p "$dir/node$i-data"
    env BATON_HTTP_HOST=127.0.0.1 BATON_HTTP_PORT="$http_port" \
      BATON_CLUSTER_HOST=127.0.0.1 BATON_CLUSTER_PORT="$cluster_port" BATON_SEED_NODES="127.0.0.1:$seed_port" \
      BATON_MANAGEMENT_HOST=127.0.0.1 BATON_MANAGEMENT_PORT="$mgmt_port" \
      BATON_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$DB" BATON_DB_USER=postgres BATON_DB_PASSWORD=postgres \
      BATON_DATA_DIR="$dir/node$i-data" \
      "$JAVA" -Xmx"$HEAP" -jar "$BATON_JAR" >"$log" 2>&1 &
    NODE_PIDS+=($!)
    HTTP_URLS+=("http://127.0.0.1:$http_port")
    MGMT_URLS+=("http://127.0.0.1:$mgmt_port")
    LOGS+=("$log")
  done
  for ((i = 0; i < n; i++)); do
    wait_for "node $((i + 1)) /ready" "${MGMT_URLS[$i]}/ready" "${NODE_PIDS[$i]}" "${LOGS[$i]}"
    wait_for "node $((i + 1)) API" "${HTTP_URLS[$i]}/api/metadata/taskdefs" "${NODE_PIDS[$i]}" "${LOGS[$i]}"
  done
  # Every node must see all N members Up, not only itself.
  local deadline=$((SECONDS + READY_LIMIT_S)) up
  for ((i = 0; i < n; i++)); do
    until up=$(members_up "${MGMT_URLS[$i]}"); ((up == n)); do
      if ((SECONDS >= deadline)); then
        echo "node $((i + 1)) sees $up of $n members Up after ${READY_LIMIT_S}s; its answer:" >&2
        curl -s --max-time 5 "${MGMT_URLS[$i]}/cluster/members" >&2 || true
        return 1
      fi
      sleep 1
    done
  done
  for ((i = 0; i < n; i++)); do
    echo "node $((i + 1)): api ${HTTP_URLS[$i]} management ${MGMT_URLS[$i]} pid ${NODE_PIDS[$i]}"
  done
  echo "cluster of $n Up on database $DB"
}

ensure_loadtest_jar

echo "machine: $(machine);" \
  "-Xmx$HEAP per node, all nodes, PostgreSQL 15 (fsync on) and the load generator on this machine; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "nodes=$NODES workload=$WORKLOAD rounds=$ROUNDS warmup=${WARMUP}s duration=${DURATION}s prime=${PRIME}s extra: ${EXTRA[*]:-none}"

start_postgres

RESULTS="" step=0
for n in "${COUNTS[@]}"; do
  step=$((step + 1))
  echo
  echo "=== $n node(s)"
  dir=$WORK/step$step-nodes$n
  mkdir -p "$dir"
  DB=baton_step${step}_nodes$n
  psql_cmd "CREATE DATABASE $DB"
  start_cluster "$n" "$dir"
  url_list=$(IFS=,; echo "${HTTP_URLS[*]}")
  if ((PRIME > 0)); then
    echo "--- priming for ${PRIME}s (not reported)"
    "$JAVA" -jar "$LOADTEST_JAR" --url "$url_list" --workload "$WORKLOAD" --mode throughput --warmup 0 \
      --duration "$PRIME" --drain 10 --check-all 0 --check-sample 1 >"$dir/prime.log" 2>&1 || true
  fi
  for round in $(seq 1 "$ROUNDS"); do
    log=$dir/round$round.log
    echo "--- $n node(s), round $round (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    # A run with errors exits non-zero; its RESULT line still counts and shows them.
    "$JAVA" -jar "$LOADTEST_JAR" --url "$url_list" --workload "$WORKLOAD" --duration "$DURATION" --warmup "$WARMUP" \
      "${EXTRA[@]}" 2>&1 | tee "$log" | grep -E '^(started|terminated|check:|calls|latency|error)' || true
    line=$(grep '^RESULT' "$log" | tail -n 1 || true)
    if [[ -z $line ]]; then echo "no RESULT line from $n node(s) in round $round; see $log" >&2; continue; fi
    echo "nodes=$n $line"
    RESULTS+="nodes=$n $line"$'\n'
  done
  echo "--- stopping $n node(s)"
  stop_nodes
done

# The median of one RESULT field over the runs with n nodes.
median() {
  printf '%s' "$RESULTS" | { grep "^nodes=$1 " || true; } | median_of "$2"
}

echo
echo "=== all RESULT lines"
printf '%s' "$RESULTS"
echo "=== medians over $ROUNDS round(s) per node count (every node, PostgreSQL and the load generator share $(nproc) cores)"
printf '%-6s %-6s %12s %10s %10s %8s\n' nodes runs tasks_per_s p50_ms p99_ms errors
for n in "${COUNTS[@]}"; do
  runs=$(printf '%s' "$RESULTS" | grep -c "^nodes=$n " || true)
  printf '%-6s %-6s %12s %10s %10s %8s\n' "$n" "$runs" "$(median "$n" tasks_per_s)" "$(median "$n" p50_ms)" \
    "$(median "$n" p99_ms)" "$(median "$n" errors)"
done
