#!/usr/bin/env bash
# Starts a Docker daemon for integration tests and CI, as root, without systemd.
#
#   scripts/ci/start-dockerd.sh            install docker.io if needed, start dockerd, wait for it
#
# Idempotent: when `docker info` already answers it exits 0 at once. The daemon runs with
# `--iptables=false --bridge=none` (no NAT, no docker0): containers use `--network host`.
#
# Environment:
#   STAGING_DOCKERD_LOG       daemon log file        (default /tmp/staging-dockerd.log)
#   STAGING_DOCKERD_PIDFILE   daemon pid file        (default /tmp/staging-dockerd.pid)
#   STAGING_DOCKERD_WAIT      seconds to wait for it (default 60)
set -euo pipefail

log_file="${STAGING_DOCKERD_LOG:-/tmp/staging-dockerd.log}"
pid_file="${STAGING_DOCKERD_PIDFILE:-/tmp/staging-dockerd.pid}"
wait_seconds="${STAGING_DOCKERD_WAIT:-60}"

say() { printf 'start-dockerd: %s\n' "$*" >&2; }

daemon_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

if daemon_answers; then
  say "dockerd already answers; nothing to do"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "must run as root to install and start dockerd"
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh image has no package lists; a failing update (offline mirror) is not fatal by itself.
  if ! apt-cache show docker.io >/dev/null 2>&1; then
    apt-get update -q || true
  fi
  apt-get install -y -q --no-install-recommends docker.io >/dev/null
fi

# Whether the pid file names a live dockerd (not a reused pid).
dockerd_alive() {
  [ -s "$pid_file" ] && [ "$(cat "/proc/$(cat "$pid_file")/comm" 2>/dev/null)" = "dockerd" ]
}

# A pid file of a live dockerd means a daemon is starting (or hung): do not start another.
if dockerd_alive; then
  say "dockerd (pid $(cat "$pid_file")) is already running; waiting for it"
else
  # Leftovers of a daemon that died leave its own pidfile behind and make the next one refuse to start.
  rm -f /var/run/docker.pid
  say "starting dockerd (log: $log_file)"
  nohup dockerd --iptables=false --bridge=none --pidfile /var/run/docker.pid \
    >>"$log_file" 2>&1 </dev/null &
  echo "$!" >"$pid_file"
fi

deadline=$((SECONDS + wait_seconds))
until daemon_answers; do
  if ! dockerd_alive; then
    say "dockerd exited; last lines of $log_file:"
    tail -n 20 "$log_file" >&2 || true
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "dockerd did not answer within ${wait_seconds}s; last lines of $log_file:"
    tail -n 20 "$log_file" >&2 || true
    exit 1
  fi
  sleep 1
done

say "dockerd is up (pid $(cat "$pid_file"), $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
