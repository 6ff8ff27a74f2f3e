#!/usr/bin/env bash
# Accuracy and capacity of Vantage's load run against wrk, on the same local nginx (127.0.0.1 only).
# (a) fixed rate well below saturation: Vantage open model at RATE req/s vs wrk held near the same rate with a
#     per-connection delay (Debian's wrk has no -R; wrk2 is not packaged), both with --latency percentiles;
# (b) closed loop, max throughput: Vantage closed mode vs wrk at the same connection count.
# Usage: bench/load/run.sh [rate=500] [seconds=10] [connections=16]. Every run is bounded (<= 15 s, warmup included).
set -euo pipefail
cd "$(dirname "$0")/../.."
rate="${1:-500}"; secs="${2:-10}"; conns="${3:-16}"
# The closed run warms the JIT for 5 s before its measured part: on this 2-core machine C2 shares the cores with
# the event loop and nginx, and a 3 s warmup left most of the compilation inside the measured 10 s.
closed_warmup=5
[ "$secs" -le $((15 - closed_warmup)) ] || { echo "seconds must be <= $((15 - closed_warmup)) (each run is bounded to 15 s with warmup)" >&2; exit 2; }
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || apt-get install -y nginx wrk >/dev/null
done
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/www"; chmod 755 "$work" "$work/www"   # nginx workers run as an unprivileged user
head -c 512 /dev/zero | tr '\0' 'v' > "$work/www/index.html"; chmod 644 "$work/www/index.html"   # a small static file (512 bytes)
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
}
CONF
nginx -p "$work" -c "$work/nginx.conf"
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

[ -d target/classes ] && [ -d target/test-classes ] || ./mvnw -q -o test-compile
[ -f target/bench-classpath.txt ] || ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
vantage() { java -Dlogback.configurationFile=bench/load/logback-bench.xml -cp "$cp" dev.vantage.probe.load.LoadBench "$@" 2>/dev/null; }

echo "== nginx $(nginx -v 2>&1 | cut -d/ -f2) on 127.0.0.1:$port, /index.html 512 bytes, $(nproc) cores"
echo "-- Vantage: (a) fixed rate $rate req/s for $secs s, then (b) closed loop, max throughput, $conns connections"
# Both in one JVM, (b) after (a), as in a running Vantage: the JIT has compiled the request path during (a) while
# the cores were mostly idle. A cold JVM spends the closed run's first seconds compiling on the same two cores
# the event loop and nginx need, and the figure then says more about the JIT than about the load engine.
vantage open "$port" "$rate" "$secs" "$conns" /index.html 2 closed "$port" 1 "$secs" "$conns" /index.html \
  "$closed_warmup" > "$work/vantage.txt"
awk -v a="$work/a-vantage.txt" -v b="$work/b-vantage.txt" '/^# load run:/ {n++} {print > (n == 1 ? a : b)}' \
  "$work/vantage.txt"
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

field() { grep -o "$1=[0-9.]*" "$2" | head -1 | cut -d= -f2; }
wrk_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
wrk_pct() { awk -v p="$1" '$1==p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$2"; }
achieved=$(field achieved_rate "$work/a-vantage.txt")
echo
echo "== summary"
printf '(a) vantage: requested %s req/s, achieved %s req/s (%s%% of requested), p50 %s ms, p99 %s ms\n' "$rate" \
  "$achieved" "$(python3 -c "print(round(100*$achieved/$rate,2))")" "$(field p50_ms "$work/a-vantage.txt")" \
  "$(field p99_ms "$work/a-vantage.txt")"
printf '(a) wrk (paced, %s conns): %s req/s, p50 %s ms, p99 %s ms\n' "$wconns" "$(wrk_rps "$work/a-wrk.txt")" \
  "$(wrk_pct 50% "$work/a-wrk.txt")" "$(wrk_pct 99% "$work/a-wrk.txt")"
vt=$(field throughput "$work/b-vantage.txt"); wt=$(wrk_rps "$work/b-wrk.txt")
printf '(b) closed loop: vantage %s req/s, wrk %s req/s, ratio %s%%\n' "$vt" "$wt" \
  "$(python3 -c "print(round(100*$vt/$wt,1))")"
