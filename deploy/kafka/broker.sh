#!/usr/bin/env bash
# A single-node Apache Kafka 4 broker (KRaft, combined broker+controller) on 127.0.0.1,
# provisioned by the project from Maven Central.
#
#   deploy/kafka/broker.sh fetch    fetch the jars once into the cache
#   deploy/kafka/broker.sh start    fetch, format storage if new, start, wait until ready
#   deploy/kafka/broker.sh stop     stop cleanly (SIGTERM, then SIGKILL after a timeout)
#   deploy/kafka/broker.sh status   exit 0 when running
#
# Settings (environment):
#   KAFKA_PORT (19092)  KAFKA_CONTROLLER_PORT (KAFKA_PORT+1)  KAFKA_HEAP (512m)
#   KAFKA_DATA_DIR (<repo>/.run/kafka-<port>)  RR_CACHE (~/.cache/rightresponse)
#   KAFKA_READY_TIMEOUT (90 seconds)  KAFKA_CLUSTER_ID (a new random one when formatting)
#   KAFKA_CREDENTIALS_FILE (<repo>/.run/kafka-credentials)
#
# Authentication is always on: clients log in with SASL/SCRAM-SHA-512 and the
# StandardAuthorizer allows each principal only what its ACLs say (the project creates
# them with its topics). The credentials file holds one "user=password" line for the
# super user (admin) and each service; it is written with random passwords (mode 600)
# when missing, and its users are added to a new storage when it is formatted.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
cache="${RR_CACHE:-$HOME/.cache/rightresponse}"
libs="$cache/kafka-$version/libs"
port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
heap="${KAFKA_HEAP:-512m}"
data="${KAFKA_DATA_DIR:-$repo/.run/kafka-$port}"
ready_timeout="${KAFKA_READY_TIMEOUT:-90}"
credentials="${KAFKA_CREDENTIALS_FILE:-$repo/.run/kafka-credentials}"
pidfile="$data/broker.pid"
# The super user (topics and ACLs) and the services, each its own principal.
users=(admin intake triage assignment audit)
logfile="$data/broker.log"

say() { echo "kafka: $*" >&2; }

fetch() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { say "mvn not found (install Maven)"; exit 1; }
  command -v java >/dev/null || { say "java not found (install a JDK 17+)"; exit 1; }
  say "fetching Kafka $version jars from Maven Central into $libs"
  rm -rf "$libs.tmp"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs.tmp" >&2
  rm -rf "$libs" && mv "$libs.tmp" "$libs" && touch "$libs/.complete"
}

# 16 random bytes in unpadded base64url, as Kafka's own Uuid.randomUuid makes them; like
# it, never one that begins with "-".
new_cluster_id() {
  local id="-"
  while [ "${id:0:1}" = "-" ]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  echo "$id"
}

# A password: 32 random bytes, base64url without padding (no "=" or ",", which the
# storage tool's --add-scram syntax reserves).
new_password() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

password_of() { sed -n "s/^$1=//p" "$credentials" | head -1; }

ensure_credentials() {
  if [ -f "$credentials" ]; then return 0; fi
  if [ -f "$data/log/meta.properties" ]; then
    say "$credentials is missing but the storage in $data was formatted with its users;"
    say "restore the file, or remove $data to start a new broker"; exit 1
  fi
  mkdir -p "$(dirname "$credentials")"
  local tmp="$credentials.tmp" user
  (umask 077; : > "$tmp"; for user in "${users[@]}"; do echo "$user=$(new_password)" >> "$tmp"; done)
  mv "$tmp" "$credentials"
  say "new Kafka credentials in $credentials (mode 600)"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() {
  mkdir -p "$data/log"
  chmod 700 "$data"
  local admin_password; admin_password="$(password_of admin)"
  [ -n "$admin_password" ] || { say "no admin password in $credentials"; exit 1; }
  # The file holds the admin password (for the broker's own logins): its owner's alone.
  (umask 077; cat > "$data/server.properties") <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=BROKER://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=BROKER://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
inter.broker.listener.name=BROKER
# Clients: SCRAM users, stored in the cluster metadata (added when the storage is
# formatted). The controller listener cannot use SCRAM (it serves the metadata the
# SCRAM users live in), so the broker logs in to it with PLAIN as the admin.
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$data/log
# Topics are created by the project (rightresponse topics create), never on first use.
auto.create.topics.enable=false
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
}

start() {
  fetch
  if running; then say "already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"; return 0; fi
  if port_open "$port"; then say "port $port is taken by another process"; exit 1; fi
  ensure_credentials
  write_config
  if [ ! -f "$data/log/meta.properties" ]; then
    local cluster_id="${KAFKA_CLUSTER_ID:-$(new_cluster_id)}" scram=() user
    for user in "${users[@]}"; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(password_of "$user")]")
    done
    # "--cluster-id=": an id is base64url and may begin with "-", which the separate
    # form would read as an option (one new broker in 64 failed to format).
    java -cp "$libs/*" -Dlog4j2.configurationFile="$here/log4j2.yaml" \
      kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$data/server.properties" \
      "${scram[@]}" > "$data/format.log" 2>&1 \
      || { say "storage format failed:"; tail -20 "$data/format.log" >&2; exit 1; }
  fi
  local started=$SECONDS
  # The last run's log and its collector pauses stay beside the new ones, so a stall
  # seen in a run (a bench's, a test's) can still be read after the next start.
  [ -f "$logfile" ] && mv -f "$logfile" "$logfile.previous"
  [ -f "$data/gc.log" ] && mv -f "$data/gc.log" "$data/gc.log.previous"
  # setsid: the broker gets its own session, so a Ctrl-C aimed at a foreground command
  # does not reach it; stop() ends it on purpose.
  setsid java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Xlog:gc:file="$data/gc.log":uptime,time:filecount=0 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$here/log4j2.yaml" \
    -cp "$libs/*" kafka.Kafka "$data/server.properties" > "$logfile" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  while ! grep -q "Kafka Server started" "$logfile" 2>/dev/null; do
    if ! running; then say "broker exited during start-up:"; tail -30 "$logfile" >&2; exit 1; fi
    if (( SECONDS - started > ready_timeout )); then
      say "not ready after ${ready_timeout}s"; tail -30 "$logfile" >&2; stop; exit 1
    fi
    sleep 0.2
  done
  say "ready on 127.0.0.1:$port in $((SECONDS - started))s (pid $(cat "$pidfile"), heap $heap, data $data)"
}

stop() {
  if ! running; then rm -f "$pidfile"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then say "broker did not stop in 30s; killing"; kill -KILL "$pid" || true; fi
  rm -f "$pidfile"
  say "stopped"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running pid $(cat "$pidfile") port $port"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
