#!/usr/bin/env bash
# Times Vantage's full TLS assessment against sslscan and testssl.sh on the same local nginx (loopback only).
# Usage: bench/tls/run.sh [legacy|modern] [vantage-runs]
# Needs: nginx, sslscan, testssl (Debian: apt-get install -y nginx sslscan testssl.sh), openssl, a JDK, and network
# access to the Maven repository on first use (MAVEN_OFFLINE=1 to forbid it).
set -euo pipefail
cd "$(dirname "$0")/../.."
profile="${1:-legacy}"
runs="${2:-5}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in nginx sslscan testssl openssl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx sslscan testssl.sh" >&2; exit 2; }
done

if [ "$profile" = modern ]; then
  tls='ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256; ssl_prefer_server_ciphers on;'
else
  tls='ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ALL:@SECLEVEL=0;'
fi
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 30 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/cb; proxy_temp_path $work/px; fastcgi_temp_path $work/fc;
  uwsgi_temp_path $work/uw; scgi_temp_path $work/sc;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    $tls
    location / { return 200 "ok\n"; }
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"   # daemonises; stopped by the trap via its pid file
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# Online by default, so a fresh machine fetches what it lacks; MAVEN_OFFLINE=1 runs from the local repository only.
mvn=(./mvnw -B -ntp -q)
[ "${MAVEN_OFFLINE:-0}" = 1 ] && mvn+=(-o)
[ -d target/classes ] && [ -d target/test-classes ] || "${mvn[@]}" test-compile
[ -f target/bench-classpath.txt ] || "${mvn[@]}" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

now() { date +%s.%N; }
echo "== nginx $profile on 127.0.0.1:$port"
t0=$(now); java -Dlogback.configurationFile=bench/tls/logback-bench.xml \
  -cp "$cp" dev.vantage.interop.TlsBench 127.0.0.1 "$port" "$runs" 2>/dev/null | tee "$work/vantage.txt"; t1=$(now)
vantage_process=$(echo "$t1 - $t0" | bc)
vantage_warm=$(grep -o 'wall_ms=[0-9]*' "$work/vantage.txt" | tail -n +2 | cut -d= -f2 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]/1000}')
vantage_cold=$(grep -o 'wall_ms=[0-9]*' "$work/vantage.txt" | head -1 | cut -d= -f2 | awk '{print $1/1000}')
t0=$(now); sslscan --no-colour "127.0.0.1:$port" >/dev/null; t1=$(now); sslscan_s=$(echo "$t1 - $t0" | bc)
t0=$(now); testssl --quiet --warnings off --color 0 -p -E -S "127.0.0.1:$port" >/dev/null 2>&1 || true; t1=$(now)
testssl_s=$(echo "$t1 - $t0" | bc)
printf '\n%-44s %8s\n' "tool" "seconds"
printf '%-44s %8.2f\n' "vantage, first inspection in a fresh JVM" "$vantage_cold"
printf '%-44s %8.2f\n' "vantage, warm inspection (median)" "${vantage_warm:-0}"
printf '%-44s %8.2f\n' "vantage, whole JVM process ($runs runs)" "$vantage_process"
printf '%-44s %8.2f\n' "sslscan (protocols, ciphers, cert)" "$sslscan_s"
printf '%-44s %8.2f\n' "testssl.sh -p -E -S" "$testssl_s"
echo
echo "ratio testssl.sh / vantage(warm): $(echo "scale=1; $testssl_s / ${vantage_warm:-1}" | bc)"
echo "ratio sslscan / vantage(warm):    $(echo "scale=1; $sslscan_s / ${vantage_warm:-1}" | bc)"
echo "ratio testssl.sh / vantage(cold): $(echo "scale=1; $testssl_s / $vantage_cold" | bc)"
