#!/usr/bin/env bash
# Accuracy and capacity of Vantage's load run against wrk, on the same local nginx (127.0.0.1 only).
# (a) fixed rate well below saturation: Vantage open model at RATE req/s vs wrk held near the same rate with a
#     per-connection delay (Debian's wrk has no -R; wrk2 is not packaged), both with --latency percentiles;
#     Vantage's p50 minus wrk's is the latency the tool adds (its send pacing and its own processing);
# (b) closed loop, max throughput: Vantage closed mode vs wrk at the same connection count;
# (c) the same closed loop over HTTPS (nginx offers TLS 1.2 and 1.3; a self-signed ECDSA P-256 certificate made here with openssl).
# Usage: bench/load/run.sh [rate=500] [seconds=10] [connections=16]. Every run is bounded (<= 15 s, warmup included).
set -euo pipefail
cd "$(dirname "$0")/../.."
rate="${1:-500}"; secs="${2:-10}"; conns="${3:-16}"
# The closed run warms the JIT for 5 s before its measured part: on this 2-core machine C2 shares the cores with
# the event loop and nginx, and a 3 s warmup left most of the compilation inside the measured 10 s.
closed_warmup=5
[ "$secs" -le $((15 - closed_warmup)) ] || { echo "seconds must be <= $((15 - closed_warmup)) (each run is bounded to 15 s with warmup)" >&2; exit 2; }
for tool in nginx wrk openssl; do
  command -v "$tool" >/dev/null || apt-get install -y nginx wrk openssl >/dev/null
done
work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"; tport="$(free_port)"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/www"; chmod 755 "$work" "$work/www"   # nginx workers run as an unprivileged user
head -c 512 /dev/zero | tr '\0' 'v' > "$work/www/index.html"; chmod 644 "$work/www/index.html"   # a small static file (512 bytes)
# A throwaway self-signed certificate for 127.0.0.1, valid one day; Vantage trusts exactly it (load.bench.ca).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/cb; proxy_temp_path $work/px; fastcgi_temp_path $work/fc;
  uwsgi_temp_path $work/uw; scgi_temp_path $work/sc;
  server { listen 127.0.0.1:$port; root $work/www; }
  server {
    listen 127.0.0.1:$tport ssl; root $work/www;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; ssl_protocols TLSv1.2 TLSv1.3;
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
for p in "$port" "$tport"; do
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && break; sleep 0.1; done
done

# Offline first (the shared machine's usual mode), online when a plugin is missing (a fresh machine).
mvn_quiet() { ./mvnw -q -B -ntp -o "$@" >/dev/null 2>&1 || ./mvnw -q -B -ntp "$@" >/dev/null; }
[ -d target/classes ] && [ -d target/test-classes ] || mvn_quiet test-compile
[ -f target/bench-classpath.txt ] || mvn_quiet dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
# BENCH_CLASSES=DIR puts DIR's classes first: an A/B against an older build of a few classes compiled into DIR.
cp="${BENCH_CLASSES:+$BENCH_CLASSES:}target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
vantage() {
  java -Dlogback.configurationFile=bench/load/logback-bench.xml -Dload.bench.ca="$work/cert.pem" -cp "$cp" \
    dev.vantage.probe.load.LoadBench "$@" 2>/dev/null
}

echo "== nginx $(nginx -v 2>&1 | cut -d/ -f2) on 127.0.0.1:$port (http) and :$tport (https), /index.html 512 bytes, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- Vantage: (a) fixed rate $rate req/s for $secs s, then closed loop, max throughput, $conns connections: (b) http, (c) https"
# All in one JVM, (b) and (c) after (a), as in a running Vantage: the JIT has compiled the request path during (a)
# while the cores were mostly idle. A cold JVM spends the closed run's first seconds compiling on the same two
# cores the event loop and nginx need, and the figure then says more about the JIT than about the load engine.
vantage open "$port" "$rate" "$secs" "$conns" /index.html 2 \
  closed "$port" 1 "$secs" "$conns" /index.html "$closed_warmup" \
  closed "https://127.0.0.1:$tport" 1 "$secs" "$conns" /index.html "$closed_warmup" > "$work/vantage.txt"
awk -v w="$work" '/^# load run:/ {n++} {print > (w "/" substr("abc", n, 1) "-vantage.txt")}' "$work/vantage.txt"
cat "$work/a-vantage.txt"
echo "-- wrk (a) paced near the same rate"
# wrk paced near the same rate: 5 connections, each waits 5000/rate ms after every answer.
wconns=5
delay=$(python3 -c "print(round($wconns * 1000 / $rate))")
printf 'function delay()\n  return %s\nend\n' "$delay" > "$work/pace.lua"
wrk -t1 -c"$wconns" -d"${secs}s" --latency -s "$work/pace.lua" "http://127.0.0.1:$port/index.html" | tee "$work/a-wrk.txt"
echo "-- Vantage (b) closed loop, max throughput, $conns connections, $secs s"
cat "$work/b-vantage.txt"
echo "-- wrk (b) closed loop"
wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port/index.html" | tee "$work/b-wrk.txt"
echo "-- Vantage (c) closed loop over https, $conns connections, $secs s"
cat "$work/c-vantage.txt"
echo "-- wrk (c) closed loop over https"
wrk -t2 -c"$conns" -d"${secs}s" --latency "https://127.0.0.1:$tport/index.html" | tee "$work/c-wrk.txt"

field() { grep -o "$1=[0-9.]*" "$2" | head -1 | cut -d= -f2; }
wrk_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_pct() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$2"; }
calc() { python3 -c "print(round($1, $2))"; }
achieved=$(field achieved_rate "$work/a-vantage.txt")
vp50=$(field p50_ms "$work/a-vantage.txt"); wp50=$(wrk_pct 50% "$work/a-wrk.txt")
vp99=$(field p99_ms "$work/a-vantage.txt"); wp99=$(wrk_pct 99% "$work/a-wrk.txt")
echo
echo "== summary"
printf '(a) vantage: requested %s req/s, achieved %s req/s (%s%% of requested), p50 %s ms, p99 %s ms, send lag p99 %s ms, cpu %s ms\n' \
  "$rate" "$achieved" "$(calc "100*$achieved/$rate" 2)" "$vp50" "$vp99" "$(field send_lag_p99_ms "$work/a-vantage.txt")" \
  "$(field cpu_ms "$work/a-vantage.txt")"
printf '(a) wrk (paced, %s conns): %s req/s, p50 %s ms, p99 %s ms\n' "$wconns" "$(wrk_rps "$work/a-wrk.txt")" "$wp50" "$wp99"
printf '(a) added by vantage: p50 %s ms, p99 %s ms\n' "$(calc "$vp50-$wp50" 3)" "$(calc "$vp99-$wp99" 3)"
for run in b c; do
  vt=$(field throughput "$work/$run-vantage.txt"); wt=$(wrk_rps "$work/$run-wrk.txt")
  printf '(%s) closed loop %s: vantage %s req/s, wrk %s req/s, ratio %s%%\n' "$run" \
    "$([ "$run" = b ] && echo http || echo https)" "$vt" "$wt" "$(calc "100*$vt/$wt" 1)"
done
