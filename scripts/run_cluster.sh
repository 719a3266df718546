#!/usr/bin/env bash
# Serve the app from several Streamlit processes behind HAProxy, for more readers at once than one
# process serves: http://127.0.0.1:PORT, each visitor kept on one replica by a cookie.
#   REPLICAS=2            how many Streamlit servers (each on its own port, one after another)
#   PORT=8501             where HAProxy listens
#   REPLICA_PORT=PORT+1   the first replica's port
#   CLUSTER_STATE_DIR     where to write haproxy.pid, r1.pid, r2.pid, ... and the replicas' logs
#                         (default: a temporary folder, removed on exit)
# Ctrl-C or SIGTERM stops everything. A replica that dies is left out by HAProxy's health checks and
# its visitors move to another; this script does not restart it (a supervisor such as systemd or
# Kubernetes would).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh haproxy curl

replicas="${REPLICAS:-2}"
port="${PORT:-8501}"
first_port="${REPLICA_PORT:-$((port + 1))}"
if ! [[ "$replicas" =~ ^[1-9][0-9]*$ ]]; then
  echo "REPLICAS must be a whole number from 1 up, not '$replicas'" >&2
  exit 2
fi

work="$(mktemp -d -t monitor-cluster.XXXXXX)"  # the generated HAProxy config, and the default state folder
state="${CLUSTER_STATE_DIR:-$work}"
mkdir -p "$state"
children=()    # every PID this script started and has not yet seen exit
pid_files=()

stop() {
  trap - EXIT INT TERM
  if [ "${#children[@]}" -gt 0 ]; then
    kill -TERM "${children[@]}" 2>/dev/null || true
    for _ in $(seq 50); do  # up to 10 s for Streamlit to close its sessions
      running=0
      for pid in "${children[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
      [ "$running" = 1 ] || break
      sleep 0.2
    done
    kill -KILL "${children[@]}" 2>/dev/null || true
    wait "${children[@]}" 2>/dev/null || true
  fi
  rm -f "${pid_files[@]}"
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/_stcore/health"; }
forget() {  # drop a PID that has exited from the children
  local kept=() pid
  for pid in "${children[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  children=("${kept[@]}")
}

for p in "$port" $(seq "$first_port" $((first_port + replicas - 1))); do
  if listening "$p"; then
    echo "Port $p is in use; choose PORT (and REPLICA_PORT) with $((replicas + 1)) free ports" >&2
    exit 1
  fi
done

# Streamlit signs its cookies with server.cookieSecret, random per process unless set: one secret for
# every replica, so a cookie one of them set is still good when its visitor moves to another.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  STREAMLIT_SERVER_COOKIE_SECRET="$(head -c 32 /dev/urandom | base64)"
  export STREAMLIT_SERVER_COOKIE_SECRET
fi

# The replicas: run_app.sh's command, one port each (.streamlit/config.toml turns the file watcher off).
declare -A replica_name
config="$work/haproxy.cfg"
sed "s/@PORT@/$port/" scripts/haproxy.cfg.template >"$config"
for i in $(seq "$replicas"); do
  replica_port=$((first_port + i - 1))
  .venv/bin/python -m streamlit run app.py --server.address 127.0.0.1 --server.port "$replica_port" \
    >"$state/r$i.log" 2>&1 &
  children+=($!)
  replica_name[$!]="r$i"
  echo $! >"$state/r$i.pid"
  pid_files+=("$state/r$i.pid")
  echo "    server r$i 127.0.0.1:$replica_port cookie r$i" >>"$config"
done

# HAProxy starts once every replica answers, so no visitor meets a replica still importing.
deadline=$((SECONDS + 90))
for i in $(seq "$replicas"); do
  replica_port=$((first_port + i - 1))
  until healthy "$replica_port"; do
    if ! kill -0 "${children[$((i - 1))]}" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "Replica r$i did not start; its log:" >&2
      tail -n 20 "$state/r$i.log" >&2
      exit 1
    fi
    sleep 0.2
  done
done

haproxy -db -f "$config" &
haproxy_pid=$!
children+=("$haproxy_pid")
echo "$haproxy_pid" >"$state/haproxy.pid"
pid_files+=("$state/haproxy.pid")
until healthy "$port"; do
  if ! kill -0 "$haproxy_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    echo "HAProxy did not start (config: $config)" >&2
    exit 1
  fi
  sleep 0.2
done
echo "Shanxi Transformation Monitor: http://127.0.0.1:${port} ($replicas replicas from port $first_port; logs in $state)"

# Serve until HAProxy exits, every replica has, or a signal comes (the traps stop the rest).
while :; do
  exited=""
  wait -n -p exited "${children[@]}" || true
  [ -n "$exited" ] || continue
  forget "$exited"
  if [ "$exited" = "$haproxy_pid" ]; then
    echo "HAProxy exited; stopping the replicas" >&2
    exit 1
  fi
  echo "Replica ${replica_name[$exited]} (PID $exited) exited; the others serve its visitors" >&2
  if [ "${#children[@]}" -eq 1 ]; then
    echo "No replica left; stopping" >&2
    exit 1
  fi
done
