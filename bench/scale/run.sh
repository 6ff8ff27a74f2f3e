#!/usr/bin/env bash
# Scale of the service (docs/scale.md): `vantage serve` with N targets at a 60 s pulse against one loopback nginx
# (HTTPS, keepalive off, so every pulse is a new TCP connection and a full TLS handshake, as blackbox_exporter makes
# them), on H2 and on PostgreSQL; then prometheus-blackbox-exporter, driven by Prometheus scraping the same N URLs
# every 60 s, against the same nginx. Per run, over a measured window after a warm-up: CPU per pulse (probe),
# pulses per second, p99 start lag, pulses missed, heap after a full GC, database growth per day.
#
# Environment (defaults are the figures in docs/scale.md; the quick form is for a smoke run):
#   SCALE_TARGETS="1000 5000 10000"  SCALE_DBS="h2 postgresql"  SCALE_BLACKBOX=yes|no
#   SCALE_WARMUP=120 (s, after the service is up)  SCALE_WINDOW=300 (s, a multiple of 60)
#   SCALE_JAR=target/vantage.jar (built here when absent; point it at another build for an A/B)
#   SCALE_JAVA_OPTS=""  SCALE_OUT=FILE (also append the summary rows there)  SCALE_LOGS=DIR (keep the logs there)
#   SCALE_HISTO=yes (after the heap figure, keep the JVM's class histogram as <run>-histogram.log in SCALE_LOGS)
#   SCALE_RETAINED=yes (PostgreSQL: after the run, VACUUM FULL and the bytes a packed pulse keeps; see retained())
#   quick: SCALE_TARGETS=200 SCALE_DBS=h2 SCALE_WARMUP=30 SCALE_WINDOW=60 bench/scale/run.sh
# Audits are kept out of the window: every target gets a daily `audit: {cron: ...}` at the hour twelve hours from
# now (an `every: 24h` audit fires first within a minute of start: N first audits would dominate everything;
# docs/scale.md, "first-audit storm"). A daily cron, not a yearly one: the planner samples 64 firings of the cron
# on every run, and a yearly cron made that 11% of the CPU.
# Traffic goes only to the nginx started here on 127.0.0.1; everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
counts="${SCALE_TARGETS:-1000 5000 10000}"
dbs="${SCALE_DBS:-h2 postgresql}"
warmup="${SCALE_WARMUP:-120}"
window="${SCALE_WINDOW:-300}"
blackbox="${SCALE_BLACKBOX:-yes}"
jar="${SCALE_JAR:-target/vantage.jar}"
out="${SCALE_OUT:-/dev/null}"
[ $((window % 60)) -eq 0 ] && [ "$window" -gt 0 ] || { echo "SCALE_WINDOW must be a positive multiple of 60 (each target pulses once a minute)" >&2; exit 2; }

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
missing=()
for tool in nginx openssl java jcmd curl python3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ "$blackbox" != yes ] || for tool in prometheus-blackbox-exporter prometheus; do
  command -v "$tool" >/dev/null || missing+=("$tool"); done
[[ "$dbs" != *postgresql* ]] || [ -x "$pgbin/initdb" ] || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "missing: ${missing[*]}. Install with:" >&2
  echo "  apt-get install -y nginx openssl openjdk-17-jdk-headless curl python3 prometheus prometheus-blackbox-exporter postgresql" >&2
  exit 2
fi

work="$(mktemp -d)"; chmod 755 "$work"
pids=()        # processes started here, stopped on exit by their own ids
pgdata=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; kill -9 "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ -n "${SCALE_LOGS:-}" ]; then
    mkdir -p "$SCALE_LOGS"
    for f in "$work"/*/*.log "$work"/*/m[01]; do [ -f "$f" ] && cp "$f" "$SCALE_LOGS/$(basename "$(dirname "$f")")-$(basename "$f")"; done
  fi
  [ -z "$pgdata" ] || as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq "${2:-100}"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# PostgreSQL refuses to run as root: the server runs as the package's postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# JVM / process CPU in seconds (utime + stime of /proc/<pid>/stat, fields 14 and 15).
ticks="$(getconf CLK_TCK)"
cpu_of() { local sum=0; for p in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$sum"; }
secs() { python3 -c "print(round($1 / $ticks, 2))"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- nginx: HTTPS on loopback, a fresh connection per request, one tiny page per target path -------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
chmod 644 "$work/cert.pem" "$work/key.pem"
nport="$(free_port)"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/nginx-error.log;
pid $work/nginx.pid;
events { worker_connections 4096; }
http {
  log_format ua '\$msec \$http_user_agent';
  access_log $work/access.log ua buffer=64k flush=1s;
  keepalive_timeout 0;
  client_body_temp_path $work/cb; proxy_temp_path $work/px; fastcgi_temp_path $work/fc;
  uwsgi_temp_path $work/uw; scgi_temp_path $work/sc;
  server {
    listen 127.0.0.1:$nport ssl;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache off; ssl_session_tickets off;
    location /t/ { default_type text/html; return 200 "<!doctype html><title>ok</title>ok\n"; }
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
wait_port "$nport" || { echo "nginx did not start: $(cat "$work/nginx-error.log")" >&2; exit 1; }
# Requests nginx served whose User-Agent starts with $1, up to now (the log is flushed every second).
served() { sleep 1.2; grep -cE " ($1)" "$work/access.log" || true; }

# --- PostgreSQL: a throwaway cluster on a loopback port ----------------------------------------------------------
pgport=""
if [[ "$dbs" == *postgresql* ]]; then
  pgdata="$work/pg"; pgport="$(free_port)"
  mkdir -p "$pgdata"; chown postgres "$pgdata" 2>/dev/null || true
  as_pg "$pgbin/initdb" -D "$pgdata" -U vantage --auth=trust >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$pgdata" -w -l "$pgdata/server.log" \
    -o "-p $pgport -c listen_addresses=127.0.0.1 -k $pgdata -c max_connections=100" start >/dev/null
fi
# The server's processes: the postmaster (first line of postmaster.pid) and its children (backends, writers).
pg_pids() { local pm; pm=$(head -1 "$pgdata/postmaster.pid"); echo "$pm" $(pgrep -P "$pm" || true); }
psql_v() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U vantage -At "$@"; }

if [ ! -f "$jar" ]; then
  ./mvnw -B -ntp -o -q -DskipTests package >/dev/null 2>&1 || ./mvnw -B -ntp -q -DskipTests package
fi
audit_cron="0 0 $(( ($(date +%-H) + 12) % 24 )) * * ?"

echo "== scale: $(nproc) cores, load average $(loadavg) at start, nginx $(nginx -v 2>&1 | cut -d/ -f2) https on 127.0.0.1:$nport (keepalive off), warm-up ${warmup}s, window ${window}s, jar $jar"
printf '%s\n' "| targets | system | probes/s | CPU ms/probe | CPU % of a core | p99 start lag (max) | over 1 s | missed | heap after GC | RSS | DB growth/day | load avg |" \
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |" | tee -a "$out"

# Start lag of every stored pulse in the window, from the database: a target's pulses are meant to fire at a fixed
# offset in each minute (CRC32 of "<name>/pulse" mod 60 s, as Jitter computes it), and probed_at is when the run
# began. Prints p99, max, the share over 1 s. A lag of 30 s or more cannot be told apart from an early next pulse.
db_lag() {   # $1 = CSV of target,probed_at epoch ms
  python3 - "$1" <<'PY'
import sys, zlib
lags = []
for line in open(sys.argv[1]):
    parts = line.strip().replace('"', '').split(',')
    if len(parts) != 2 or not parts[1].lstrip('-').isdigit():
        continue
    name, at = parts[0], int(parts[1])
    off = zlib.crc32((name + "/pulse").encode()) % 60000
    # Nearest grid point: Quartz fires batches up to 100 ms early (fire-ahead), which must read as on time, not as
    # 59.9 s late. So a lag of 30 s or more cannot be told apart from an early fire of the next minute either.
    lags.append(max(0, (at - off + 30000) % 60000 - 30000))
lags.sort()
if not lags:
    print("n/a n/a n/a"); sys.exit()
p99 = lags[min(len(lags) - 1, int(0.99 * len(lags)))]
print("%.3fs" % (p99 / 1000), "%.3fs" % (lags[-1] / 1000), "%.2f%%" % (100 * sum(1 for l in lags if l > 1000) / len(lags)))
PY
}

# Share of scheduled runs whose job started more than 1 s late, over the whole run (start-up included), as the
# service itself reports it (vantage_schedule_lag_seconds, scraped once, after the window).
metric_over1() {
  python3 - "$1" <<'PY'
import re, sys
b = {}
for line in open(sys.argv[1]):
    m = re.match(r'vantage_schedule_lag_seconds_bucket\{.*le="([^"]+)".*\} ([0-9.eE+-]+)', line)
    if m:
        b[float(m.group(1))] = float(m.group(2))
total = b.get(float("inf"), 0)
print("%.2f%% of %d" % (100 * (total - b.get(1.0, 0)) / total, total) if total else "n/a")
PY
}

run_vantage() {   # $1 = targets, $2 = h2|postgresql
  local n="$1" db="$2" dir="$work/v-$1-$2" port storage
  mkdir -p "$dir"; port="$(free_port)"
  if [ "$db" = h2 ]; then
    storage="{url: \"jdbc:h2:file:$dir/vantage\"}"
  else
    psql_v -d postgres -c "DROP DATABASE IF EXISTS vantage" -c "CREATE DATABASE vantage" >/dev/null
    storage="{url: \"jdbc:postgresql://127.0.0.1:$pgport/vantage\", user: vantage}"
  fi
  {
    echo "server: {host: 127.0.0.1, port: $port}"
    echo "storage: $storage"
    echo "probing: {allow-loopback: true}"
    echo "targets:"
    for i in $(seq -w 1 "$n"); do
      printf '  - {name: t%s, url: "https://127.0.0.1:%s/t/%s", schedule: {interval: 60s}, ca-file: "%s", audit: {cron: "%s"}}\n' \
        "$i" "$nport" "$i" "$work/cert.pem" "$audit_cron"
    done
  } > "$dir/vantage.yaml"
  local began attempts=0 pid up=no; began=$(date +%s)
  # `serve` gives the start 120 s; inserting and scheduling thousands of file targets can take longer. What it
  # stored before giving up stays stored, so a second start has less to do: up to 4 starts, all counted.
  while [ "$up" = no ] && [ "$attempts" -lt 4 ]; do
    attempts=$((attempts + 1))
    # shellcheck disable=SC2086
    java ${SCALE_JAVA_OPTS:-} -jar "$jar" serve --config "$dir/vantage.yaml" >> "$dir/service.log" 2>&1 &
    pid=$!; pids+=("$pid")
    for _ in $(seq 1800); do
      curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && { up=yes; break; }
      kill -0 "$pid" 2>/dev/null || { echo "   (start $attempts: vantage exited: $(tail -1 "$dir/service.log"))"; break; }
      sleep 1
    done
  done
  [ "$up" = yes ] || return 1
  local startup="$(( $(date +%s) - began ))s in $attempts start(s)"
  # No /metrics scrape before or inside the window: rendering thousands of targets' series blocks the service's
  # event loop for seconds (docs/scale.md), which would put the bench's own lag into the figures.
  sleep "$warmup"
  local c0 s0 d0 t0 c1 s1 d1 t1 la
  c0=$(cpu_of "$pid"); s0=$(served Vantage); t0=$(date -u +%s)
  if [ "$db" = h2 ]; then d0=$(stat -c %s "$dir/vantage.mv.db"); else d0=$(psql_v -d vantage -c "SELECT pg_database_size('vantage')"); fi
  local pg0=0; [ "$db" = h2 ] || pg0=$(cpu_of $(pg_pids))
  sleep "$window"
  c1=$(cpu_of "$pid"); t1=$(date -u +%s); la=$(loadavg)
  local pg1=0; [ "$db" = h2 ] || pg1=$(cpu_of $(pg_pids))
  if [ "$db" = h2 ]; then d1=$(stat -c %s "$dir/vantage.mv.db"); else d1=$(psql_v -d vantage -c "SELECT pg_database_size('vantage')"); fi
  s1=$(served Vantage)
  curl -fs "http://127.0.0.1:$port/metrics" > "$dir/m1"
  jcmd "$pid" GC.run >/dev/null
  local heap rss
  heap=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  [ "${SCALE_HISTO:-no}" != yes ] || jcmd "$pid" GC.class_histogram > "$dir/histogram.log" 2>&1 || true
  kill "$pid"; for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  local stored
  # Pulses that changed nothing are packed (docs/deployment.md), which SQL cannot read: the jar's exporter reads
  # full rows and packed pulses alike.
  local url="jdbc:h2:file:$dir/vantage" user="-"
  [ "$db" = h2 ] || { url="jdbc:postgresql://127.0.0.1:$pgport/vantage"; user=vantage; }
  java -cp "$jar" dev.vantage.store.PulseExport "$url" "$user" "$(date -u -d "@$t0" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(date -u -d "@$t1" +%Y-%m-%dT%H:%M:%SZ)" > "$dir/pulses.csv"
  stored=$(wc -l < "$dir/pulses.csv")
  local expected=$(( n * (t1 - t0) / 60 ))
  read -r p99 lagmax over1 < <(db_lag "$dir/pulses.csv")
  local cpu=$((c1 - c0)) el=$((t1 - t0))
  local pgnote=""; [ "$db" = h2 ] || pgnote=" + PostgreSQL server $(python3 -c "print(round(1000*($pg1-$pg0)/$ticks/max(1,$stored),3))") ms"
  printf '| %s | Vantage, %s | %s | %s%s | %s | %s | %s | %s | %s MB | %s MB | %s MB | %s |\n' "$n" "$db" \
    "$(python3 -c "print(round($stored/$el,1))")" "$(python3 -c "print(round(1000*$cpu/$ticks/max(1,$stored),3))")" "$pgnote" \
    "$(python3 -c "print(round(100*$cpu/$ticks/$el,1))")" "$p99 (max $lagmax)" "$over1" "$((expected - stored)) of $expected" \
    "$((heap / 1024))" "$((rss / 1024))" "$(python3 -c "print(round(($d1-$d0)*86400/$el/1e6))")" "$la" | tee -a "$out"
  echo "   (started in ${startup}; nginx saw $((s1 - s0)) Vantage requests in the window; jobs over 1 s late since start (metric) $(metric_over1 "$dir/m1"); log $(grep -c ' WARN \| ERROR ' "$dir/service.log" || true) warnings/errors)"
  [ "$db" = h2 ] || [ "${SCALE_RETAINED:-no}" != yes ] || retained "$n"
}

# What PostgreSQL keeps once dead tuples are gone (SCALE_RETAINED=yes): VACUUM FULL, then the packed pulses' bytes.
# A block row carries fixed overhead (key, counters, index entry) shared by its pulses: a window shorter than an hour
# holds fewer pulses a row than a day does, so the per-pulse figure is also given for full 60-pulse rows.
retained() {
  local n="$1"
  psql_v -d vantage -c "VACUUM FULL" >/dev/null
  read -r total rows pulses data < <(psql_v -d vantage -F ' ' -c "SELECT pg_total_relation_size('pulse_blocks'),
    count(*), COALESCE(sum(pulses), 0), COALESCE(sum(octet_length(data)), 0) FROM pulse_blocks")
  local db_after; db_after=$(psql_v -d vantage -c "SELECT pg_database_size('vantage')")
  python3 - "$n" "$total" "$rows" "$pulses" "$data" "$db_after" <<'PY'
import sys
n, total, rows, pulses, data, db = (int(x) for x in sys.argv[1:])
if not pulses or not rows:
    print("   (retained: no packed pulses)"); sys.exit()
per_row = (total - data) / rows
full_hour = data / pulses + per_row / 60
print("   (retained after VACUUM FULL: pulse_blocks %d bytes for %d packed pulses in %d rows: %.1f bytes a pulse here, "
      "%.1f with 60-pulse rows, %.2f GB a day at %d targets every 60 s; whole database %d MB)"
      % (total, pulses, rows, total / pulses, full_hour, full_hour * n * 1440 / 1e9, n, db / 1e6))
PY
}

run_blackbox() {   # $1 = targets
  local n="$1" dir="$work/bb-$1" bport pport
  mkdir -p "$dir"; bport="$(free_port)"; pport="$(free_port)"
  cat > "$dir/blackbox.yml" <<YML
modules:
  http_2xx:
    prober: http
    timeout: 10s
    http:
      tls_config: {ca_file: "$work/cert.pem"}
YML
  {
    echo "global: {scrape_interval: 60s, scrape_timeout: 10s}"
    echo "scrape_configs:"
    echo "  - job_name: blackbox"
    echo "    metrics_path: /probe"
    echo "    params: {module: [http_2xx]}"
    echo "    relabel_configs:"
    echo "      - {source_labels: [__address__], target_label: __param_target}"
    echo "      - {source_labels: [__param_target], target_label: instance}"
    echo "      - {target_label: __address__, replacement: \"127.0.0.1:$bport\"}"
    echo "    static_configs:"
    echo "      - targets:"
    for i in $(seq -w 1 "$n"); do echo "        - https://127.0.0.1:$nport/t/$i"; done
  } > "$dir/prometheus.yml"
  prometheus-blackbox-exporter --config.file="$dir/blackbox.yml" --web.listen-address="127.0.0.1:$bport" \
    > "$dir/blackbox.log" 2>&1 &
  local bpid=$!; pids+=("$bpid")
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/tsdb" \
    --web.listen-address="127.0.0.1:$pport" > "$dir/prometheus.log" 2>&1 &
  local ppid=$!; pids+=("$ppid")
  wait_port "$bport" 300 && wait_port "$pport" 300 || { echo "blackbox or prometheus did not start" >&2; return 1; }
  # Prometheus spreads each target's scrapes over the interval: after a minute every target has its slot.
  sleep "$warmup"
  local b0 p0 s0 t0 b1 p1 s1 t1 la
  b0=$(cpu_of "$bpid"); p0=$(cpu_of "$ppid"); s0=$(served "Go-http-client|Blackbox"); t0=$(date +%s)
  sleep "$window"
  b1=$(cpu_of "$bpid"); p1=$(cpu_of "$ppid"); t1=$(date +%s); la=$(loadavg)
  s1=$(served "Go-http-client|Blackbox")
  local probes=$((s1 - s0)) el=$((t1 - t0)) rss
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$bpid/status")
  printf '| %s | blackbox_exporter | %s | %s (+ Prometheus %s) | %s | — | — | %s of %s | — | %s MB | — | %s |\n' "$n" \
    "$(python3 -c "print(round($probes/$el,1))")" "$(python3 -c "print(round(1000*($b1-$b0)/$ticks/max(1,$probes),3))")" \
    "$(python3 -c "print(round(1000*($p1-$p0)/$ticks/max(1,$probes),3))")" \
    "$(python3 -c "print(round(100*($b1-$b0)/$ticks/$el,1))")" "$((n * el / 60 - probes))" "$((n * el / 60))" \
    "$((rss / 1024))" "$la" | tee -a "$out"
  kill "$ppid" "$bpid"
  for p in "$ppid" "$bpid"; do for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done; done
}

for n in $counts; do
  [ "$blackbox" != yes ] || run_blackbox "$n"
  for db in $dbs; do run_vantage "$n" "$db"; done
done
