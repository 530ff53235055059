#!/usr/bin/env bash
# Starts or stops the benchmark's nginx (Debian's /usr/sbin/nginx) serving a
# static directory on 127.0.0.1, as the current user, from a scratch directory.
#   bench/nginx/serve.sh start ROOT_DIR PORT_FILE   writes the port to PORT_FILE
#   bench/nginx/serve.sh stop                       stops it (by its pid file)
#   bench/nginx/serve.sh worker-pid                 prints the worker's pid
# The scratch directory (config, pid, logs, temp dirs) is $NGINX_SCRATCH,
# default ${TMPDIR:-/tmp}/gleaner-bench-nginx.$UID: one server at a time.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
scratch="${NGINX_SCRATCH:-${TMPDIR:-/tmp}/gleaner-bench-nginx.$(id -u)}"
nginx=/usr/sbin/nginx

port_is_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

start() {
  local root port_file
  root="$(cd "$1" && pwd)"
  port_file="$2"
  [ -x "$nginx" ] || { echo "serve.sh: $nginx not found (apt-get install nginx-light)" >&2; exit 1; }
  if [ -s "$scratch/nginx.pid" ] && kill -0 "$(cat "$scratch/nginx.pid")" 2>/dev/null; then
    echo "serve.sh: nginx already running (pid $(cat "$scratch/nginx.pid")); run '$0 stop' first" >&2
    exit 1
  fi
  mkdir -p "$scratch"
  local port=18080
  while ! port_is_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt 18200 ] || { echo "serve.sh: no free port in 18080-18199" >&2; exit 1; }
  done
  # As root, nginx's workers would switch to "nobody"; keep them as this user.
  local user_line="# not root: workers run as the current user"
  [ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
  sed -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" -e "s|@SCRATCH@|$scratch|g" \
      -e "s|@USER_LINE@|$user_line|" "$here/nginx.conf.in" >"$scratch/nginx.conf"
  # -e: the error log before the config is read (the default is under /var/log).
  "$nginx" -p "$scratch" -e "$scratch/error.log" -c "$scratch/nginx.conf"
  for _ in $(seq 50); do
    [ -s "$scratch/nginx.pid" ] && python3 -c "
import socket,sys; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
    sleep 0.1
  done
  echo "$port" >"$port_file"
}

stop() {
  [ -s "$scratch/nginx.pid" ] || return 0
  local pid
  pid="$(cat "$scratch/nginx.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -QUIT "$pid"  # graceful: the master stops its worker and exits
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
  fi
  rm -f "$scratch/nginx.pid"
}

worker_pid() {
  pgrep -P "$(cat "$scratch/nginx.pid")" | head -1
}

case "${1:-}" in
  start) [ $# -eq 3 ] || { echo "usage: $0 start ROOT_DIR PORT_FILE" >&2; exit 2; }; start "$2" "$3" ;;
  stop) stop ;;
  worker-pid) worker_pid ;;
  *) echo "usage: $0 start ROOT_DIR PORT_FILE | stop | worker-pid" >&2; exit 2 ;;
esac
