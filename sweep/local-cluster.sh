#!/usr/bin/env bash
# A Spark standalone cluster on this machine for `snn sweep --master spark://...`: one master and N
# workers, each its own JVM, started from what the build produces (sweep/target/snn-sweep.jar, the
# whole toolchain plus Spark). No Spark distribution is needed.
#
#   sweep/local-cluster.sh start N   start a master and N workers; prints "master: spark://HOST:PORT"
#   sweep/local-cluster.sh status    the master URL, its alive workers, and which daemons still run
#   sweep/local-cluster.sh stop      stop exactly the daemons this script started (by their pid files)
#
# Everything lives in one cluster directory, $SNN_CLUSTER_DIR (default sweep/target/local-cluster):
#   spark-home/jars/snn-sweep.jar  a link to the sweep jar: the Worker launches executors as
#                                  java -cp spark-home/conf:spark-home/jars/* ... CoarseGrainedExecutorBackend
#   spark-home/conf/               log4j2.properties of the daemons and executors
#   pids/ logs/ work/              pid files, daemon logs, the workers' work dirs (executor logs)
#   master                         the master URL, once it is up
#
# Settings (environment; all optional):
#   SNN_CLUSTER_HOST     address every daemon binds to (default 127.0.0.1; a host name or IP on real hosts)
#   SNN_MASTER_PORT      master RPC port (default 0: a free port, read back from the master's log)
#   SNN_MASTER_UI_PORT   master web UI port, whose /json reports the alive workers (default 0: a free port)
#   SNN_WORKER_CORES     cores per worker, i.e. points run at once per worker (default 1)
#   SNN_WORKER_MEMORY    memory a worker offers executors; must cover spark.executor.memory (default 1g)
#   SNN_DAEMON_XMX       heap of the master and worker JVMs themselves (default 512m)
#   SNN_SWEEP_JAR        the jar to run (default sweep/target/snn-sweep.jar)
#   SNN_SWEEP_CLASSPATH  instead of a jar, a class path (directories and jars) for daemons and executors:
#                        what the tests use, before the shaded jar exists
#   SNN_CLUSTER_TIMEOUT  seconds to wait for the workers to register (default 120)
#
# On real hosts the same steps apply (docs/sweep.md): a master on one host, then on each worker host
#   SPARK_HOME=<dir with jars/snn-sweep.jar> SPARK_SCALA_VERSION=2.12 java <Add-Opens> -cp <the jar> \
#       org.apache.spark.deploy.worker.Worker --host <that host> spark://<master>:7077
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${SNN_CLUSTER_DIR:-$here/target/local-cluster}"
host="${SNN_CLUSTER_HOST:-127.0.0.1}"
timeout="${SNN_CLUSTER_TIMEOUT:-120}"
home="$dir/spark-home"

usage() {
  echo "usage: $0 start N | status | stop   (settings: see the head of this script)" >&2
  exit 2
}

# The JDK packages Spark reflects into on Java 17: the same list as the jar manifest's Add-Opens (sweep/pom.xml).
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(-Djdk.reflect.useDirectMethodHandle=false)

alive() { # pid file -> true when its process runs
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# The master's web UI port and RPC URL, read from its log (works with port 0, i.e. a free port).
master_url() {
  sed -n 's/.*Starting Spark master at \(spark:\/\/[^ ]*\).*/\1/p' "$dir/logs/master.log" 2>/dev/null | tail -1
}
master_ui() {
  sed -n 's/.*Bound MasterWebUI to .*started at \(http:\/\/[^ ]*\).*/\1/p' "$dir/logs/master.log" 2>/dev/null | tail -1
}
alive_workers() { # from the master's JSON (http://HOST:UI/json): "aliveworkers" : N
  local ui
  ui="$(master_ui)"
  [ -n "$ui" ] || { echo 0; return; }
  curl -s --max-time 5 "$ui/json/" | tr -d ' \n' | sed -n 's/.*"aliveworkers":\([0-9]*\).*/\1/p' | grep . || echo 0
}

start() {
  local n="${1:-}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
  if alive "$dir/pids/master.pid"; then
    echo "local-cluster: already running (master pid $(cat "$dir/pids/master.pid")); $0 stop first" >&2
    exit 1
  fi
  local cp
  if [ -n "${SNN_SWEEP_CLASSPATH:-}" ]; then
    cp="$SNN_SWEEP_CLASSPATH"
  else
    local jar="${SNN_SWEEP_JAR:-$here/target/snn-sweep.jar}"
    [ -f "$jar" ] || { echo "local-cluster: $jar is missing; build it: mvn -B -q -pl sweep -am -DskipTests package" >&2; exit 1; }
    cp="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
  fi
  rm -rf "$dir/pids" "$dir/logs" "$dir/work" "$dir/master" "$home"
  mkdir -p "$dir/pids" "$dir/logs" "$dir/work" "$home/jars" "$home/conf"
  if [ -z "${SNN_SWEEP_CLASSPATH:-}" ]; then
    ln -s "$cp" "$home/jars/snn-sweep.jar"
  fi
  cat > "$home/conf/log4j2.properties" <<'EOF'
# Daemons and executors of sweep/local-cluster.sh: INFO from Spark's deploy classes (the script reads
# the master's start-up lines), warnings from the rest.
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
logger.ui.name = org.apache.spark.ui
logger.ui.level = info
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
EOF
  # The Worker builds each executor's class path from SPARK_HOME (conf/ and jars/*); SPARK_SCALA_VERSION
  # spares it the search for a Spark source tree ("Cannot find any build directories"), and
  # SPARK_DIST_CLASSPATH adds a class path of directories when there is no jar (the tests).
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12 SPARK_CONF_DIR="$home/conf"
  export SPARK_LOG_DIR="$dir/logs"
  # The web UIs bind to SPARK_LOCAL_IP (0.0.0.0 otherwise) and advertise SPARK_PUBLIC_DNS.
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$host}" SPARK_PUBLIC_DNS="${SPARK_PUBLIC_DNS:-$host}"
  if [ -n "${SNN_SWEEP_CLASSPATH:-}" ]; then
    export SPARK_DIST_CLASSPATH="$cp"
  fi
  local java=(java "-Xmx${SNN_DAEMON_XMX:-512m}" "${opens[@]}" "-Dlog4j2.configurationFile=$home/conf/log4j2.properties"
    -cp "$home/conf:$cp")
  # setsid: the daemons leave this shell's process group, so a Ctrl-C of the caller does not stop them.
  setsid "${java[@]}" org.apache.spark.deploy.master.Master --host "$host" --port "${SNN_MASTER_PORT:-0}" \
    --webui-port "${SNN_MASTER_UI_PORT:-0}" > "$dir/logs/master.log" 2>&1 < /dev/null &
  echo $! > "$dir/pids/master.pid"
  local url="" t=0
  while [ -z "$url" ] || [ -z "$(master_ui)" ]; do
    alive "$dir/pids/master.pid" || { echo "local-cluster: the master died; see $dir/logs/master.log" >&2; tail -20 "$dir/logs/master.log" >&2; exit 1; }
    [ "$t" -lt $((timeout * 5)) ] || { echo "local-cluster: the master did not start in ${timeout}s; see $dir/logs/master.log" >&2; stop; exit 1; }
    sleep 0.2; t=$((t + 1))
    url="$(master_url)"
  done
  echo "$url" > "$dir/master"
  for i in $(seq 1 "$n"); do
    mkdir -p "$dir/work/worker-$i"
    setsid "${java[@]}" org.apache.spark.deploy.worker.Worker --host "$host" --port 0 --webui-port 0 \
      --cores "${SNN_WORKER_CORES:-1}" --memory "${SNN_WORKER_MEMORY:-1g}" --work-dir "$dir/work/worker-$i" "$url" \
      > "$dir/logs/worker-$i.log" 2>&1 < /dev/null &
    echo $! > "$dir/pids/worker-$i.pid"
  done
  t=0
  while [ "$(alive_workers)" -lt "$n" ]; do
    for i in $(seq 1 "$n"); do
      alive "$dir/pids/worker-$i.pid" || { echo "local-cluster: worker $i died; see $dir/logs/worker-$i.log" >&2; tail -20 "$dir/logs/worker-$i.log" >&2; stop; exit 1; }
    done
    [ "$t" -lt $((timeout * 2)) ] || { echo "local-cluster: $n workers did not register in ${timeout}s" >&2; stop; exit 1; }
    sleep 0.5; t=$((t + 1))
  done
  echo "master: $url"
  echo "web UI: $(master_ui) ($n alive workers); logs in $dir/logs; stop with: $0 stop"
}

status() {
  if ! alive "$dir/pids/master.pid"; then
    echo "master: not running"
  else
    echo "master: $(cat "$dir/master" 2>/dev/null) (pid $(cat "$dir/pids/master.pid"), UI $(master_ui), $(alive_workers) alive workers)"
  fi
  local f
  for f in "$dir"/pids/worker-*.pid; do
    [ -f "$f" ] || continue
    if alive "$f"; then
      echo "$(basename "$f" .pid): running (pid $(cat "$f"))"
    else
      echo "$(basename "$f" .pid): not running"
    fi
  done
}

stop() {
  local f pid pids=()
  for f in "$dir"/pids/worker-*.pid "$dir/pids/master.pid"; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    # Only a JVM this script started: the pid must still run a Spark Master or Worker.
    if kill -0 "$pid" 2>/dev/null && grep -qa 'org.apache.spark.deploy' "/proc/$pid/cmdline" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$f"
  done
  local t=0
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$t" -lt 50 ]; do sleep 0.2; t=$((t + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  done
  echo "local-cluster: stopped ${#pids[@]} daemon(s)"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  status) status ;;
  stop) stop ;;
  *) usage ;;
esac
