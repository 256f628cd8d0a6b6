#!/usr/bin/env bash
# shellcheck disable=SC2016  # remote scripts are single-quoted on purpose: they expand on the VM
# Builds, pushes and deploys one version of the service in one platform mode on the k3s VM.
#
#   scripts/e2e-k3s-helm.sh [--check | --down [--delete-vm]] <version-slug> <mode>
#
# The image is built on the VM from $E2E_REMOTE_PROJECT_DIR/versions/<slug>/snapshot (staging
# uploads it there, keyed by its fingerprint), pushed to the VM's registry (localhost:5000), and
# deployed with `helm upgrade --install` as a NodePort service; the script waits for the rollout and
# prints `E2E_URL=http://<vm>:<nodeport>` on stdout.
#
#   --check       only check: lifecycle, SSH and host key, snapshot present, docker/helm/kubectl on the VM
#   --down        uninstall the release (with --delete-vm, also delete a multipass VM; never an external one)
#
# Settings: those of scripts/lib/e2e-k3s-common.sh, and
#   E2E_IMAGE_NAME       image name in the registry (default: staging-service)
#   E2E_DOCKERFILE       Dockerfile, relative to the snapshot (default: Dockerfile.<mode> if present, else Dockerfile)
#   E2E_HELM_CHART       chart dir, relative to the snapshot or absolute on the VM (default: deploy/helm)
#   E2E_HELM_VALUES      extra values file on the VM, relative to the snapshot or absolute (optional)
#   E2E_HELM_RELEASE     release name (default: staging-<slug>-<mode>)
#   E2E_NAMESPACE        (default: staging)
#   E2E_NODE_PORT        fixed NodePort (default: assigned by Kubernetes)
#   E2E_ROLLOUT_TIMEOUT  (default: 300s)
#   E2E_REMOTE_KUBECONFIG  kubeconfig on the VM (default: the VM's $KUBECONFIG, else /etc/rancher/k3s/k3s.yaml)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib/e2e-k3s-common.sh
. "$here/lib/e2e-k3s-common.sh"

usage() {
  sed -n '3,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Runs kubectl/helm on the VM with KUBECONFIG set there (never a path of this machine).
kube() {
  e2e_remote_sh 'KUBECONFIG="${1:-${KUBECONFIG:-/etc/rancher/k3s/k3s.yaml}}"; export KUBECONFIG; shift; exec "$@"' \
    "${E2E_REMOTE_KUBECONFIG:-}" "$@"
}

# A path given relative to the snapshot, or absolute on the VM.
in_snapshot() {
  if [[ "$1" == /* ]]; then printf '%s' "$1"; else printf '%s/%s' "$snapshot" "$1"; fi
}

release_name() {
  local name="${E2E_HELM_RELEASE:-staging-$slug-$mode}"
  name="$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9-' '-')"
  name="${name:0:53}"
  printf '%s' "${name%-}"
}

build_and_push() {
  local dockerfile
  dockerfile="$(e2e_remote_sh 'if [ -n "$3" ]; then f=$3; elif [ -f "$1/Dockerfile.$2" ]; then f=Dockerfile.$2; else f=Dockerfile; fi; printf "%s" "$f"' \
    "$snapshot" "$mode" "${E2E_DOCKERFILE:-}")"
  e2e_log "building $image on the VM from $snapshot ($dockerfile)"
  e2e_remote docker build -t "$image" -f "$(in_snapshot "$dockerfile")" --build-arg "MODE=$mode" \
    --label "staging.version=$slug" --label "staging.mode=$mode" "$snapshot" >&2
  e2e_log "pushing $image"
  e2e_remote docker push "$image" >&2
}

deploy() {
  local release chart args port
  release="$(release_name)"
  chart="$(in_snapshot "${E2E_HELM_CHART:-deploy/helm}")"
  args=(upgrade --install "$release" "$chart" --namespace "$namespace" --create-namespace
    --set "image.repository=$E2E_REGISTRY/$image_name" --set "image.tag=$tag"
    --set service.type=NodePort --wait --timeout "$rollout_timeout")
  if [[ -n "${E2E_NODE_PORT:-}" ]]; then args+=(--set "service.nodePort=$E2E_NODE_PORT"); fi
  if [[ -n "${E2E_HELM_VALUES:-}" ]]; then args+=(-f "$(in_snapshot "$E2E_HELM_VALUES")"); fi
  e2e_log "helm upgrade --install $release ($chart) in namespace $namespace"
  kube helm "${args[@]}" >&2
  e2e_log "waiting for the rollout of $release"
  kube kubectl --namespace "$namespace" rollout status deployment \
    --selector "app.kubernetes.io/instance=$release" --timeout "$rollout_timeout" >&2
  port="$(kube kubectl --namespace "$namespace" get service --selector "app.kubernetes.io/instance=$release" \
    --output 'jsonpath={.items[0].spec.ports[0].nodePort}')"
  [[ "$port" =~ ^[0-9]+$ ]] || e2e_die "release $release has no NodePort service" "the chart must honour service.type=NodePort"
  e2e_log "deployed $slug ($mode) at http://$E2E_SSH_HOST:$port"
  printf 'E2E_URL=http://%s:%s\n' "$E2E_SSH_HOST" "$port"
}

main() {
  local action=deploy delete_vm=0
  while [[ $# -gt 0 && "$1" == --* ]]; do
    case "$1" in
      --check) action=check ;;
      --down) action=down ;;
      --delete-vm) delete_vm=1 ;;
      *) usage ;;
    esac
    shift
  done
  [[ $# -eq 2 ]] || usage
  slug=$1 mode=$2
  [[ "$mode" =~ ^[a-z0-9][a-z0-9-]*$ ]] || e2e_die "invalid mode '$mode'"
  e2e_lifecycle_prepare
  e2e_check_ssh
  e2e_resolve_project_dir
  snapshot="$(e2e_version_root "$slug")/snapshot"
  namespace="${E2E_NAMESPACE:-staging}"
  rollout_timeout="${E2E_ROLLOUT_TIMEOUT:-300s}"
  image_name="${E2E_IMAGE_NAME:-staging-service}"
  tag="$slug-$mode"
  image="$E2E_REGISTRY/$image_name:$tag"
  if [[ "$action" == down ]]; then
    kube helm uninstall "$(release_name)" --namespace "$namespace" >&2 || e2e_log "release $(release_name) was not installed"
    if ((delete_vm)); then e2e_multipass_delete; fi
    return 0
  fi
  e2e_remote test -d "$snapshot" ||
    e2e_die "no snapshot of version $slug on the VM at $snapshot" "staging uploads it when it builds the image; or copy the version's snapshot/ there"
  e2e_require_remote_tools docker helm kubectl
  if [[ "$action" == check ]]; then
    e2e_log "check passed: $slug ($mode) can be built from $snapshot"
    return 0
  fi
  build_and_push
  deploy
}

main "$@"
