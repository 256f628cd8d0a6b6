#!/usr/bin/env bash
# Starts an sshd on 127.0.0.1 for the SSH target's integration tests, with its own host key,
# user key, authorized_keys and known_hosts, all in one directory.
#
#   bash scripts/ci/start-sshd.sh [DIR]          DIR defaults to /tmp/staging-sshd
#   STAGING_SSHD_PORT=2222                        the loopback port (default 2222)
#
# Prints the `export` lines of DIR/env.sh on stdout (progress goes to stderr), so either
#   bash scripts/ci/start-sshd.sh && . /tmp/staging-sshd/env.sh
# or
#   eval "$(bash scripts/ci/start-sshd.sh)"
# Idempotent: when the sshd of DIR already runs on the port with the same config, it only
# re-emits the env (a changed config restarts it; keys are kept).
set -euo pipefail

dir="${1:-/tmp/staging-sshd}"
port="${STAGING_SSHD_PORT:-2222}"
user="$(id -un)"

log() { printf 'start-sshd: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] || die "STAGING_SSHD_PORT must be a number, got '$port'"

ensure_sshd_installed() {
  if [[ -x /usr/sbin/sshd ]] && command -v ssh-keygen >/dev/null; then return 0; fi
  command -v apt-get >/dev/null || die "sshd is not installed and apt-get is not available"
  log "installing openssh-server"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-server >&2; then
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssh-server >&2
  fi
}

# The sshd of $dir is alive and listens on $port.
running() {
  local pid
  [[ -s "$dir/sshd.pid" && -s "$dir/port" ]] || return 1
  pid="$(cat "$dir/sshd.pid")"
  [[ "$(cat "$dir/port")" == "$port" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/sshd_config"
}

stop_old() {
  local pid
  [[ -s "$dir/sshd.pid" ]] || return 0
  pid="$(cat "$dir/sshd.pid")"
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/sshd_config"; then
    log "stopping the previous sshd of $dir (pid $pid)"
    kill "$pid" || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/sshd.pid"
}

make_keys() {
  [[ -s "$dir/host_ed25519_key" ]] || ssh-keygen -q -t ed25519 -N '' -C staging-test-host -f "$dir/host_ed25519_key"
  [[ -s "$dir/id_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -C staging-test-user -f "$dir/id_ed25519"
  cp "$dir/id_ed25519.pub" "$dir/authorized_keys"
  chmod 600 "$dir/host_ed25519_key" "$dir/id_ed25519" "$dir/authorized_keys"
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dir/host_ed25519_key.pub")" >"$dir/known_hosts"
}

write_config() {
  cat >"$1" <<EOF
# Written by scripts/ci/start-sshd.sh: a test sshd on loopback only.
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The directory may live under /tmp (mode 1777), which strict modes refuse.
StrictModes no
# MaxSessions stays at its default (10), like a real VM, so channel limits are tested.
MaxStartups 64:30:128
ClientAliveInterval 0
Subsystem sftp internal-sftp
LogLevel VERBOSE
EOF
}

write_env() {
  cat >"$dir/env.sh" <<EOF
export STAGING_TEST_SSH_URL=ssh://$user@127.0.0.1:$port
export STAGING_TEST_SSH_IDENTITY=$dir/id_ed25519
export STAGING_TEST_SSH_KNOWN_HOSTS=$dir/known_hosts
export STAGING_TEST_SSH_HOSTKEY_PUB=$dir/host_ed25519_key.pub
EOF
}

wait_listening() {
  for _ in $(seq 1 100); do
    if ssh-keyscan -T 1 -p "$port" -t ed25519 127.0.0.1 2>/dev/null | grep -q ssh-ed25519; then return 0; fi
    sleep 0.1
  done
  tail -n 20 "$dir/sshd.log" >&2 || true
  die "sshd did not listen on 127.0.0.1:$port (log: $dir/sshd.log)"
}

start() {
  ensure_sshd_installed
  make_keys
  mv -f "$dir/sshd_config.next" "$dir/sshd_config"
  mkdir -p /run/sshd
  chmod 755 /run/sshd
  /usr/sbin/sshd -t -f "$dir/sshd_config" || die "sshd refused its config $dir/sshd_config"
  stop_old
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is taken by another process; set STAGING_SSHD_PORT"
  fi
  log "starting sshd on 127.0.0.1:$port (dir $dir)"
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  printf '%s\n' "$port" >"$dir/port"
  wait_listening
}

main() {
  mkdir -p "$dir"
  chmod 700 "$dir"
  exec 9>"$dir/.lock"
  flock -w 60 9 || die "another start-sshd.sh holds $dir/.lock"
  write_config "$dir/sshd_config.next"
  if running && cmp -s "$dir/sshd_config.next" "$dir/sshd_config"; then
    rm -f "$dir/sshd_config.next"
    log "sshd of $dir already runs on 127.0.0.1:$port"
  else
    start
  fi
  write_env
  cat "$dir/env.sh"
}

main
