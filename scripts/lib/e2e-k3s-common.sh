#!/usr/bin/env bash
# Shared helpers of the k3s + Helm e2e scripts: VM lifecycle, SSH, version roots.
#
# Every command inside the VM runs over SSH (BatchMode, StrictHostKeyChecking=yes against a
# known_hosts file); `multipass` is only used, with E2E_VM_LIFECYCLE=multipass, to launch, start,
# stop and delete the VM and to read its address.
#
# Settings (environment):
#   E2E_VM_LIFECYCLE        external (default: the VM exists; never created or deleted) | multipass
#   E2E_SSH_HOST            the VM's address (external; with multipass it is read from multipass info)
#   E2E_SSH_USER            login user (default: ubuntu)
#   E2E_SSH_PORT            (default: 22)
#   E2E_SSH_IDENTITY        private key file (default: ssh-agent / ~/.ssh keys)
#   E2E_KNOWN_HOSTS         known_hosts file (default: ~/.ssh/known_hosts)
#   E2E_REMOTE_PROJECT_DIR  project dir on the VM (default: ~/staging-project); versions live in
#                           $E2E_REMOTE_PROJECT_DIR/versions/<slug>/snapshot
#   E2E_REMOTE_PATH_PREFIX  prepended to PATH for remote commands (e.g. /usr/local/bin)
#   E2E_COMMAND_TIMEOUT     seconds one remote command may take (default: 1800; needs `timeout` here)
#   E2E_VM_NAME             multipass VM name (default: staging-vm)
#   E2E_VM_IMAGE, E2E_VM_CPUS, E2E_VM_MEMORY, E2E_VM_DISK   multipass launch settings
#   E2E_SSH_PUBLIC_KEY      key injected by cloud-init (default: $E2E_SSH_IDENTITY.pub or ~/.ssh/id_ed25519.pub)
#   E2E_STATE_DIR           where the multipass VM's host key is kept (default: ~/.local/state/staging/vm/<name>)
# shellcheck shell=bash
# shellcheck disable=SC2016  # remote scripts are single-quoted on purpose: they expand on the VM

e2e_log() { printf 'e2e: %s\n' "$*" >&2; }
e2e_die() {
  printf 'e2e: error: %s\n' "$1" >&2
  if [[ -n "${2:-}" ]]; then printf 'e2e: hint: %s\n' "$2" >&2; fi
  exit 1
}

# POSIX single quoting: the remote shell receives the argument byte for byte.
e2e_sq() {
  local s=${1//\'/\'\\\'\'}
  printf "'%s'" "$s"
}

e2e_join() {
  local out="" arg
  for arg in "$@"; do out+="$(e2e_sq "$arg") "; done
  printf '%s' "${out% }"
}

e2e_defaults() {
  E2E_VM_LIFECYCLE="${E2E_VM_LIFECYCLE:-external}"
  E2E_SSH_USER="${E2E_SSH_USER:-ubuntu}"
  E2E_SSH_PORT="${E2E_SSH_PORT:-22}"
  E2E_KNOWN_HOSTS="${E2E_KNOWN_HOSTS:-$HOME/.ssh/known_hosts}"
  E2E_VM_NAME="${E2E_VM_NAME:-staging-vm}"
  E2E_STATE_DIR="${E2E_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/staging/vm/$E2E_VM_NAME}"
  E2E_REGISTRY="${E2E_REGISTRY:-localhost:5000}"
  case "$E2E_VM_LIFECYCLE" in
    external | multipass) ;;
    *) e2e_die "E2E_VM_LIFECYCLE must be external or multipass, got '$E2E_VM_LIFECYCLE'" ;;
  esac
}

e2e_ssh_opts() {
  E2E_SSH_OPTS=(-o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$E2E_KNOWN_HOSTS"
    -o ConnectTimeout=10 -o ServerAliveInterval=15 -o LogLevel=ERROR -p "$E2E_SSH_PORT")
  if [[ -n "${E2E_SSH_IDENTITY:-}" ]]; then E2E_SSH_OPTS+=(-i "$E2E_SSH_IDENTITY" -o IdentitiesOnly=yes); fi
}

# Runs one command (an argument list, quoted here) on the VM over SSH, within E2E_COMMAND_TIMEOUT.
e2e_remote() {
  local cmd limit=()
  cmd="exec $(e2e_join "$@")"
  if [[ -n "${E2E_REMOTE_PATH_PREFIX:-}" ]]; then
    cmd="PATH=$(e2e_sq "$E2E_REMOTE_PATH_PREFIX"):\"\$PATH\"; export PATH; $cmd"
  fi
  if command -v timeout >/dev/null; then limit=(timeout --kill-after=10 "${E2E_COMMAND_TIMEOUT:-1800}"); fi
  "${limit[@]}" ssh "${E2E_SSH_OPTS[@]}" -- "$E2E_SSH_USER@$E2E_SSH_HOST" "$cmd"
}

# Runs a POSIX sh script on the VM with positional arguments: e2e_remote_sh 'echo "$1"' hello
e2e_remote_sh() {
  local script=$1
  shift
  e2e_remote sh -c "$script" sh "$@"
}

e2e_lifecycle_prepare() {
  e2e_defaults
  if [[ "$E2E_VM_LIFECYCLE" == external ]]; then
    [[ -n "${E2E_SSH_HOST:-}" ]] || e2e_die "E2E_SSH_HOST is not set" "with E2E_VM_LIFECYCLE=external, point E2E_SSH_HOST at the existing VM"
    e2e_log "VM lifecycle: external (the VM at $E2E_SSH_HOST exists already; commands run over SSH; it is never created or deleted)"
  else
    e2e_log "VM lifecycle: multipass (VM '$E2E_VM_NAME' is launched, started and deleted with the local multipass command; commands run over SSH)"
    e2e_multipass_ensure
  fi
  e2e_ssh_opts
}

# Checks that the VM answers over SSH with a trusted host key.
e2e_check_ssh() {
  local out
  if ! out="$(e2e_remote true 2>&1)"; then
    e2e_die "cannot run commands on $E2E_SSH_USER@$E2E_SSH_HOST:$E2E_SSH_PORT over SSH ($E2E_VM_LIFECYCLE lifecycle): ${out//$'\n'/ }" \
      "an unknown host key is refused: check its fingerprint on the VM, then add its line to $E2E_KNOWN_HOSTS"
  fi
  e2e_log "ssh: $E2E_SSH_USER@$E2E_SSH_HOST:$E2E_SSH_PORT reachable, host key verified against $E2E_KNOWN_HOSTS"
}

# E2E_REMOTE_PROJECT_DIR as an absolute path on the VM (~ and relative paths from the remote home).
e2e_resolve_project_dir() {
  local dir="${E2E_REMOTE_PROJECT_DIR:-~/staging-project}" home
  if [[ "$dir" != /* ]]; then
    home="$(e2e_remote_sh 'printf "%s" "$HOME"')" || e2e_die "cannot read the remote home directory"
    dir="${dir#\~}"
    dir="$home/${dir#/}"
  fi
  E2E_REMOTE_PROJECT_DIR="${dir%/}"
  export E2E_REMOTE_PROJECT_DIR
}

e2e_version_root() {
  [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ && "$1" != *..* ]] || e2e_die "invalid version slug '$1'"
  printf '%s/versions/%s' "$E2E_REMOTE_PROJECT_DIR" "$1"
}

e2e_require_remote_tools() {
  local tool missing=()
  for tool in "$@"; do
    e2e_remote_sh 'command -v "$1" >/dev/null 2>&1' "$tool" || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) || e2e_die "missing on the VM: ${missing[*]}" "install them on the VM (or set E2E_REMOTE_PATH_PREFIX)"
}

e2e_json_field() { # e2e_json_field NAME FIELD < multipass-info.json
  python3 -c 'import json,sys
vm = json.load(sys.stdin)["info"][sys.argv[1]]
value = vm.get(sys.argv[2])
print((value or [""])[0] if isinstance(value, list) else (value or ""))' "$1" "$2"
}

e2e_multipass_ensure() {
  command -v multipass >/dev/null || e2e_die "multipass is not installed" "install it, or use E2E_VM_LIFECYCLE=external with an existing VM"
  local info state
  if ! info="$(multipass info "$E2E_VM_NAME" --format json 2>/dev/null)"; then
    e2e_multipass_launch
    info="$(multipass info "$E2E_VM_NAME" --format json)"
  fi
  state="$(e2e_json_field "$E2E_VM_NAME" state <<<"$info")"
  if [[ "$state" != Running ]]; then
    e2e_log "multipass: starting VM '$E2E_VM_NAME' (was $state)"
    multipass start "$E2E_VM_NAME" >&2
    info="$(multipass info "$E2E_VM_NAME" --format json)"
  fi
  E2E_SSH_HOST="$(e2e_json_field "$E2E_VM_NAME" ipv4 <<<"$info")"
  [[ -n "$E2E_SSH_HOST" ]] || e2e_die "VM '$E2E_VM_NAME' has no IPv4 address"
  if [[ -s "$E2E_STATE_DIR/ssh_host_ed25519_key.pub" ]]; then
    printf '%s %s\n' "$E2E_SSH_HOST" "$(cut -d' ' -f1,2 "$E2E_STATE_DIR/ssh_host_ed25519_key.pub")" >"$E2E_STATE_DIR/known_hosts"
    E2E_KNOWN_HOSTS="$E2E_STATE_DIR/known_hosts"
  fi
}

# Launches the VM with cloud-init: your public key authorized, and a host key made here, so that
# known_hosts trusts exactly that key (no trust on first use).
e2e_multipass_launch() {
  local pub="${E2E_SSH_PUBLIC_KEY:-${E2E_SSH_IDENTITY:+$E2E_SSH_IDENTITY.pub}}" key init args
  pub="${pub:-$HOME/.ssh/id_ed25519.pub}"
  [[ -r "$pub" ]] || e2e_die "no public key to inject: $pub" "set E2E_SSH_PUBLIC_KEY or E2E_SSH_IDENTITY"
  mkdir -p "$E2E_STATE_DIR" && chmod 700 "$E2E_STATE_DIR"
  key="$E2E_STATE_DIR/ssh_host_ed25519_key"
  init="$E2E_STATE_DIR/cloud-init.yaml"
  rm -f "$key" "$key.pub"
  ssh-keygen -q -t ed25519 -N '' -C "staging-vm-$E2E_VM_NAME" -f "$key"
  (
    umask 077
    printf '#cloud-config\nssh_deletekeys: true\nssh_genkeytypes: []\nssh_pwauth: false\nssh_keys:\n  ed25519_private: |\n'
    sed 's/^/    /' "$key"
    printf '  ed25519_public: %s\nssh_authorized_keys:\n  - %s\n' "$(cat "$key.pub")" "$(head -n 1 "$pub")"
  ) >"$init"
  args=(--name "$E2E_VM_NAME" --cloud-init "$init")
  if [[ -n "${E2E_VM_CPUS:-}" ]]; then args+=(--cpus "$E2E_VM_CPUS"); fi
  if [[ -n "${E2E_VM_MEMORY:-}" ]]; then args+=(--memory "$E2E_VM_MEMORY"); fi
  if [[ -n "${E2E_VM_DISK:-}" ]]; then args+=(--disk "$E2E_VM_DISK"); fi
  if [[ -n "${E2E_VM_IMAGE:-}" ]]; then args+=("$E2E_VM_IMAGE"); fi
  e2e_log "multipass: launching VM '$E2E_VM_NAME'"
  if ! multipass launch "${args[@]}" >&2; then
    rm -f "$init" "$key"
    e2e_die "multipass launch of '$E2E_VM_NAME' failed"
  fi
  rm -f "$init" "$key"
}

e2e_multipass_delete() {
  if [[ "$E2E_VM_LIFECYCLE" != multipass ]]; then
    e2e_log "VM lifecycle: external, so $E2E_SSH_HOST is not deleted"
    return 0
  fi
  e2e_log "multipass: deleting VM '$E2E_VM_NAME'"
  multipass delete --purge "$E2E_VM_NAME" >&2
  rm -f "$E2E_STATE_DIR/ssh_host_ed25519_key.pub" "$E2E_STATE_DIR/known_hosts"
}
