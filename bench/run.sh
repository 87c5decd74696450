#!/usr/bin/env bash
# bench/run.sh — measures, in one run on this machine (4-6 minutes, stopped at 15):
#   (a) Elasticsearch _bulk with explicit ids (the limit)   (b) the Kafka producer
#   (c) LogFlow end to end with POST /logs batches          (d) with one log per POST /log
#   (e) ingest-to-searchable latency p50/p99 at half rate   (f) peak RSS of each stage
#   (h) as (c) through _bulk, 1,000 documents a request     (i) as (c) through OTLP/HTTP protobuf
#   (j) the lone ingestor: pinned to core 0 (Kafka, Elasticsearch and wrk on core 1, parser and writer paused),
#       POST /log on keep-alive connections: accepted logs/s and its CPU per request
# with the CPU each process used (/proc): LogFlow's per log in (c) (3 stages + Kafka), the
# ingestor's per POST /log in (d) and (j); and writes bench/results/latest.json.
# Options: --logs=N --warm-up=N (logs through each door before measuring; 300,000)
#   --single-seconds=S (d, j) --latency-seconds=S (e)
# --peers=true (also (g): rsyslog and syslog-ng, Debian's packages, into the same Elasticsearch,
#   with their CPU per log, and a table LogFlow vs peers)
# --door=true (the ingestor on TLS with an API key on every request: compare with a run without it)
# --document=true (instead: Elasticsearch's CPU and disk per document for each mapping variant)
# --settings=true (instead: LogFlow's CPU per log and the stages' peak RSS for each variant of the
#   Kafka client settings and JVM options, rounds rotated; --rounds=N --logs=N --warm-up=N
#   --variants=shipped,zstd,...)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v wrk >/dev/null && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "bench: installing wrk (the HTTP load generator for (d) and (j)) ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || echo "bench: no wrk; (d) and (j) use Java's HTTP client" >&2
fi

# --peers=true adds (g): rsyslog and syslog-ng, Debian's packages fetched with apt-get download and
# unpacked with dpkg -x under $TMPDIR/logflow-servers on first use (nothing installed, no root needed)
if [[ " $* " == *" --peers=true "* ]] && ! command -v apt-get >/dev/null; then
  echo "bench: no apt-get: (g) runs only the peers already unpacked under \$TMPDIR/logflow-servers" >&2
fi

# the logflow script finds a JDK 21+ and builds what is missing; reuse its JDK choice
JAVA_HOME="$(./logflow --java-home 2>/dev/null || true)"
if [[ -z "$JAVA_HOME" ]]; then
  echo "bench: no JDK 21 or newer found (see ./logflow)" >&2; exit 1
fi
export JAVA_HOME
if [[ ! -f bench/target/logflow-bench-0.1.0-SNAPSHOT.jar || ! -f cli/target/logflow-cli.jar ]]; then
  echo "bench: building LogFlow and the benchmark ..." >&2
  ./mvnw -q -B -DskipTests package
fi

exec timeout 900 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g \
  -Dlogflow.servers.dir="$ROOT/servers/target/servers" \
  -cp "bench/target/logflow-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.logflow.bench.Benchmark \
  --distribution="$ROOT/cli/target" --out="$ROOT/bench/results/latest.json" "$@"
