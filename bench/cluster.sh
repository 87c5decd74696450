#!/usr/bin/env bash
# bench/cluster.sh [LOGS] — on the cluster devstack (3 Kafka nodes, 2 Elasticsearch nodes):
# the rate of 1, 2 and 3 parsers + writers storing a backlog of LOGS logs (default 60,000)
# each. About 5 minutes on 2 cores, stopped at 15.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA_HOME="$(./logflow --java-home 2>/dev/null || true)"
if [[ -z "$JAVA_HOME" ]]; then
  echo "bench: no JDK 21 or newer found (see ./logflow)" >&2; exit 1
fi
if [[ ! -f bench/target/logflow-bench-0.1.0-SNAPSHOT.jar || ! -f cli/target/logflow-cli.jar ]]; then
  echo "bench: building LogFlow and the benchmark ..." >&2
  JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -DskipTests package
fi
# the cluster devstack (with its topics) is the cli's: its distribution is on the classpath
exec timeout 900 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -Dlogflow.servers.dir="$ROOT/servers/target/servers" \
  -cp "bench/target/logflow-bench-0.1.0-SNAPSHOT.jar:cli/target/logflow-cli.jar:cli/target/lib/*:bench/target/lib/*" \
  io.logflow.bench.ClusterScaling "${1:-60000}" "$ROOT/cli/target"
