#!/usr/bin/env bash
# Checks that the package a user installs from the registry works: builds and packs the repository
# (`npm pack`, as `npm publish` would), installs the tarball into an empty project with npm (every
# dependency from the registry, none of this repository's files), and runs the README's first
# steps there, the way a newcomer would:
#
#   npm install <tarball>
#   npx staging init --demo
#   npx staging run-campaign candidate --runs 2
#
#   bash scripts/ci/packed.sh [REPO_DIR]          (default: this repository)
#
# The install runs with --ignore-scripts, as npm 12 (unapproved install scripts blocked), pnpm or
# a cautious user install: no install script is needed (esbuild and bun work without their
# postinstall). After the campaign, the script runs those two postinstalls by hand (the layout
# npm 11 leaves) and rebuilds the demo's images, so both layouts are covered. Last, a lean install
# (--omit=optional: no bun, no esbuild) runs staging and says which package the demo's build needs.
#
# Environment:
#   STAGING_PACKED_KEEP=1        keep the temp folder (tarball, project, logs) and print its path
#   STAGING_PACKED_SKIP_BUILD=1  pack the dist/ that is there, without `npm run build` first
#   STAGING_PACKED_MAX_MB        the largest tarball accepted, in MB (default 10)
# The `node` first on PATH runs everything: put another one first to check the package under it
# (e.g. PATH=/tmp/staging-node-22/package/bin:$PATH after scripts/ci/node-versions.sh 22).
set -euo pipefail

repo="$(cd "${1:-$(dirname "$0")/../..}" && pwd)"
max_mb="${STAGING_PACKED_MAX_MB:-10}"
work="$(mktemp -d)"
project="$work/project"
lean="$work/lean"
# `--no`: never fetch a package named staging from the registry; `--` ends npx's own options.
staging=(npx --no -- staging)

say() { printf 'packed: %s\n' "$*"; }
fail() {
  printf 'packed: FAILED: %s\n' "$*" >&2
  exit 1
}
cleanup() {
  if [ -f "$project/staging.config.ts" ]; then (cd "$project" && "${staging[@]}" down >/dev/null 2>&1) || true; fi
  if [ "${STAGING_PACKED_KEEP:-0}" = 1 ]; then
    say "kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
# Prints a log's last lines and fails.
fail_with_log() {
  tail -n 60 "$2" >&2 || true
  fail "$1 (log: $2; STAGING_PACKED_KEEP=1 keeps it)"
}

start=$SECONDS
say "node $(node --version), npm $(npm --version), packing $repo"

# 1. Build and pack.
if [ "${STAGING_PACKED_SKIP_BUILD:-0}" != 1 ]; then
  (cd "$repo" && npm run build >"$work/build.log" 2>&1) || fail_with_log "npm run build" "$work/build.log"
fi
mkdir -p "$work/pack"
(cd "$repo" && npm pack --json --pack-destination "$work/pack" >"$work/pack.json" 2>"$work/pack.log") ||
  fail_with_log "npm pack" "$work/pack.log"
tarball="$(find "$work/pack" -maxdepth 1 -name '*.tgz' -print -quit)"
[ -n "$tarball" ] || fail "npm pack wrote no tarball"
tar -tzf "$tarball" >"$work/contents.txt"
size_kb=$(($(stat -c %s "$tarball") / 1024))
say "$(basename "$tarball"): $(wc -l <"$work/contents.txt") files, ${size_kb} KB"

# What a user needs from the package, and what must never be in it (a developer's own campaign
# store and reports, left in experiments/demo by running the demo, are ignored by git, not by npm).
problems=()
missing=()
for path in bin/staging.js dist/src/cli/main.js staging.config.ts schemas/benchmark.schema.json \
  experiments/demo/benchmark/benchmark.yaml experiments/demo/benchmark/corpus/word-stats.jsonl \
  experiments/demo/versions/baseline/version.yaml experiments/demo/versions/candidate/version.yaml; do
  grep -qx "package/$path" "$work/contents.txt" || missing+=("$path")
done
[ "${#missing[@]}" -eq 0 ] || problems+=("it lacks ${missing[*]}: add them to \"files\" in package.json")
# Only the demo's own versions: a developer's local version in experiments/demo stays out.
shipped="$(sed -n -E 's#^package/experiments/demo/versions/([^/]+)/.*#\1#p' "$work/contents.txt" | sort -u | paste -sd ' ' -)"
[ "$shipped" = "baseline candidate" ] || problems+=("it ships demo versions '$shipped', not only 'baseline candidate': list the demo's own versions in \"files\"")
stray="$(grep -E '^package/experiments/demo/(\.staging/|campaigns/|versions/[^/]+/images/manifest\.json$)' "$work/contents.txt" | sed 's#^package/##' || true)"
if [ -n "$stray" ]; then
  problems+=("it carries $(wc -l <<<"$stray") files of a local campaign store or report, e.g. $(head -n 3 <<<"$stray" | paste -sd ' ' -): exclude them in \"files\" (\"!experiments/demo/.staging\", \"!experiments/demo/campaigns\", \"!experiments/demo/versions/*/images/manifest.json\")")
fi
[ "$size_kb" -le $((max_mb * 1024)) ] || problems+=("the tarball is ${size_kb} KB, more than ${max_mb} MB")
if [ "${#problems[@]}" -gt 0 ]; then
  printf 'packed: the package is wrong: %s\n' "${problems[@]}" >&2
  fail "$(basename "$tarball") (${#problems[@]} problems above)"
fi
packed=$SECONDS

# 2. Install it into an empty project, as a user would, with no install script run.
mkdir -p "$project"
cd "$project"
printf '{ "name": "staging-packed-check", "private": true }\n' >package.json
npm install --ignore-scripts --no-audit --no-fund "$tarball" >"$work/install.log" 2>&1 ||
  fail_with_log "npm install of the tarball" "$work/install.log"
installed=$SECONDS
say "installed with --ignore-scripts into $project: $(($(npm ls --all --parseable 2>/dev/null | wc -l) - 1)) packages ($((installed - packed))s)"

npx --no -- staging --help >"$work/help.log" 2>&1 || fail_with_log "npx staging --help" "$work/help.log"
esbuild_version="$(node_modules/.bin/esbuild --version 2>&1)" || fail "node_modules/.bin/esbuild --version: $esbuild_version"
say "node_modules/.bin/esbuild --version: $esbuild_version (its launcher runs @esbuild/$(node -p 'process.platform + "-" + process.arch')'s binary)"
if bun_version="$(node_modules/.bin/bun --version 2>/dev/null)"; then
  say "node_modules/.bin/bun --version: $bun_version"
else
  # Bun's bin/bun.exe is a placeholder until its postinstall moves the platform binary over it;
  # staging.config.ts then takes the binary from the platform package itself.
  bun_binary="$(find node_modules/@oven -path '*/bin/bun' -type f -print -quit 2>/dev/null || true)"
  [ -n "$bun_binary" ] || fail "node_modules/.bin/bun is bun's placeholder and no @oven/bun-* package holds a binary"
  bun_version="$("$bun_binary" --version)" || fail "$bun_binary --version"
  say "node_modules/.bin/bun is bun's placeholder without its postinstall; $bun_binary --version: $bun_version"
fi

# 3. The README's first steps in the project: the demo as a workspace of its own, and its campaign.
"${staging[@]}" init --demo >"$work/init.log" 2>&1 || fail_with_log "npx staging init --demo" "$work/init.log"
grep -q "npx staging run-campaign candidate" "$work/init.log" || fail_with_log "init --demo printed no next commands" "$work/init.log"
# shellcheck disable=SC2016 # a literal $schema in the sed expression
schema="$(sed -n -E '1s/^# yaml-language-server: \$schema=(.*)$/\1/p' benchmark/benchmark.yaml)"
[ "$schema" = "../node_modules/staging/schemas/benchmark.schema.json" ] || fail "benchmark/benchmark.yaml names the schema '$schema'"
[ -f "benchmark/$schema" ] || fail "the schema benchmark/benchmark.yaml names is not there: benchmark/$schema"
"${staging[@]}" run-campaign candidate --runs 2 >"$work/campaign.log" 2>&1 ||
  fail_with_log "npx staging run-campaign candidate --runs 2 exited $?" "$work/campaign.log"
campaigned=$SECONDS
report="$(find campaigns -name report.md -print -quit 2>/dev/null || true)"
if [ -z "$report" ] || [ ! -s "$report" ]; then
  fail_with_log "the campaign wrote no report.md under campaigns/" "$work/campaign.log"
fi
grep -q "candidate" "$report" || fail "$report does not name the candidate"
say "init --demo and a 2-round campaign, $report ($((campaigned - installed))s)"
if [ -e node_modules/staging/experiments/demo/.staging ] || [ -e node_modules/staging/experiments/demo/campaigns ]; then
  fail "the campaign wrote into node_modules/staging/experiments/demo"
fi

# 4. The layout npm 11 leaves (install scripts run): bun's and esbuild's postinstalls, by hand.
for pkg in esbuild bun; do
  (cd "node_modules/$pkg" && node install.js) >>"$work/postinstall.log" 2>&1 ||
    fail_with_log "the $pkg postinstall (node install.js)" "$work/postinstall.log"
done
node_modules/.bin/esbuild --version >/dev/null || fail "node_modules/.bin/esbuild after its postinstall"
node_modules/.bin/bun --version >/dev/null || fail "node_modules/.bin/bun after its postinstall"
"${staging[@]}" build-images candidate --force-rebuild-images >"$work/rebuild.log" 2>&1 ||
  fail_with_log "npx staging build-images candidate --force-rebuild-images, after the postinstalls" "$work/rebuild.log"
say "after the postinstalls: .bin/esbuild and .bin/bun run, both modes rebuild ($((SECONDS - campaigned))s)"

rebuilt=$SECONDS

# 5. A lean install, for a service of one's own: no optional dependency, so no bun and no esbuild.
mkdir -p "$lean"
cd "$lean"
printf '{ "name": "staging-lean-check", "private": true }\n' >package.json
npm install --omit=optional --ignore-scripts --no-audit --no-fund "$tarball" >"$work/lean-install.log" 2>&1 ||
  fail_with_log "npm install --omit=optional of the tarball" "$work/lean-install.log"
if [ -e node_modules/bun ] || [ -e node_modules/esbuild ]; then fail "--omit=optional installed bun or esbuild"; fi
packages="$(($(npm ls --all --parseable 2>/dev/null | wc -l) - 1))"
"${staging[@]}" init --demo >/dev/null 2>&1 || fail "npx staging init --demo in the lean install"
if "${staging[@]}" build-images candidate --mode node >"$work/lean-build.log" 2>&1; then
  fail "the demo's node build ran without esbuild"
fi
grep -q "npm install esbuild" "$work/lean-build.log" ||
  fail_with_log "the failed build does not name the package it needs (esbuild)" "$work/lean-build.log"
say "lean install (--omit=optional): $packages packages in $((SECONDS - rebuilt))s; the demo's build names esbuild"

say "ok in $((SECONDS - start))s: build+pack $((packed - start))s, install $((installed - packed))s, init and campaign $((campaigned - installed))s"
