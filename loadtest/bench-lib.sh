# Shell functions shared by side-by-side.sh and cluster-bench.sh; sourced, not run.
# The sourcing script sets WORK (its work directory), PG_BIN, READY_LIMIT_S, ROOT and LOADTEST_JAR.

USED_PORTS=" "
PG_STARTED=0

# Sets the variable named $1 to a loopback port nobody answers on and not handed out before by
# this script (a server binds its ports only after all of them are chosen). It assigns rather
# than prints, because $(...) would run it in a subshell that forgets what it handed out.
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 20000))
    [[ $USED_PORTS == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED_PORTS+="$p "; printf -v "$1" '%s' "$p"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
as_pg() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

# A fresh PostgreSQL in $WORK/pg on a free loopback port (PG_PORT), fsync on.
start_postgres() {
  [[ -x $PG_BIN/initdb ]] || { echo "no PostgreSQL binaries in $PG_BIN (set PG_BIN)" >&2; return 1; }
  free_port PG_PORT
  mkdir -p "$WORK/pg" "$WORK/pgsock" "$WORK/pglog"
  if ((EUID == 0)); then chown postgres "$WORK/pg" "$WORK/pgsock" "$WORK/pglog"; chmod 755 "$WORK"; fi
  as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >"$WORK/pg-init.log" 2>&1
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pglog/postgres.log" -w -t 60 start -o \
    "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/pgsock -c fsync=on -c max_connections=300" \
    >/dev/null
  PG_STARTED=1
  echo "postgres ready on 127.0.0.1:$PG_PORT (fsync on)"
}

stop_postgres() {
  if ((PG_STARTED)); then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  PG_STARTED=0
}

psql_cmd() {
  as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 -c "$1" >/dev/null
}

# Polls url until it answers 200, the process dies, or READY_LIMIT_S passes.
wait_for() {
  local what=$1 url=$2 pid=$3 log=$4 deadline=$((SECONDS + READY_LIMIT_S))
  until curl -sf -o /dev/null --max-time 5 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what: the process exited; end of $log:" >&2; tail -n 30 "$log" >&2; return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$what: no 200 from $url within ${READY_LIMIT_S}s; end of $log:" >&2; tail -n 30 "$log" >&2; return 1
    fi
    sleep 1
  done
}

# The median of one field over the RESULT lines on standard input ("n/a" when there are none).
median_of() {
  { grep -o " $1=[^ ]*" || true; } | cut -d= -f2 | sort -g |
    awk '{v[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

ensure_loadtest_jar() {
  if [[ ! -f $LOADTEST_JAR ]]; then
    echo "building the load generator"
    (cd "$ROOT" && mvn -q -pl loadtest package -DskipTests)
  fi
}

machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
}
