#!/usr/bin/env bash
# Interrupts a campaign on a tiny copy of the demo, restores the workspace at another path (as a
# CI cache restore would), resumes there, and checks that no completed round was measured twice.
#   bash scripts/ci/resume-demo.sh [ROUNDS_BEFORE_KILL]   (default 1: killed once a round is recorded)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
kill_after="${1:-1}"
work="$(mktemp -d)"
trap 'node "$repo/bin/staging.js" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
ws="$work/first"
mkdir -p "$ws/benchmark"
cp -r "$repo/experiments/demo/versions" "$ws/versions"
rm -f "$ws"/versions/*/images/manifest.json
cp -r "$repo/experiments/demo/benchmark/corpus" "$ws/benchmark/corpus"
cat > "$ws/staging.config.ts" <<CONFIG
export default {
  workspace: ".",
  requiredModes: ["node"],
  modes: {
    node: {
      build: { command: ["$repo/node_modules/.bin/esbuild", "{snapshot}/src/main.ts", "--bundle", "--platform=node", "--format=esm", "--log-level=warning", "--outfile={out}/service.mjs"] },
      deploy: { command: ["node", "{artifact}/service.mjs"] },
    },
  },
};
CONFIG
cat > "$ws/benchmark/benchmark.yaml" <<'BENCH'
platform_modes: [node]
runs: 3
load: { warmup_s: 0.3, duration_s: 1, connections: 2 }
requests:
  word-stats: { path: /functions/word-stats/invoke, corpus: corpus/word-stats.jsonl, content_type: "text/plain; charset=utf-8" }
  json-transform: { path: /functions/json-transform/invoke, corpus: corpus/json-transform.jsonl }
scrape: { modes: { node: { heap_peak: { series: nodejs_heap_used_bytes, aggregate: max } } } }
BENCH
cd "$ws"
echo "resume-demo: starting a campaign, killing it once ${kill_after} round(s) are recorded"
node "$repo/bin/staging.js" make campaign:candidate >"$work/first.log" 2>&1 &
pid=$!
# An observed event, not a time: on a busy runner a time may come before or after any round.
for _ in $(seq 1 1200); do
  recorded=$(grep -c '"t":"record","id":"round:' "$ws/.staging/records.log" 2>/dev/null || true)
  [ "${recorded:-0}" -ge "$kill_after" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
node "$repo/bin/staging.js" down >/dev/null
cp -r "$ws" "$work/restored"
cd "$work/restored"
echo "resume-demo: resuming in a copy at $work/restored"
node "$repo/bin/staging.js" make campaign:candidate --json >"$work/rest.json"
node "$repo/bin/staging.js" make campaign:candidate --json >"$work/again.json"
node - "$work/restored/.staging/runs" "$work/rest.json" "$work/again.json" <<'CHECK'
const fs = require("fs");
const [dir, restFile, againFile] = process.argv.slice(2);
const runs = fs.readdirSync(dir).flatMap((f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")).nodes)
  .filter((n) => n.status === "executed" && n.id.startsWith("round:")).map((n) => n.id);
const rest = JSON.parse(fs.readFileSync(restFile, "utf8"));
const again = JSON.parse(fs.readFileSync(againFile, "utf8"));
const dupes = runs.filter((id, i) => runs.indexOf(id) !== i);
const before = runs.length - rest.executed.filter((id) => id.startsWith("round:")).length;
console.log(`resume-demo: ${before} rounds measured before the kill, ${runs.length - before} after the restore, 3 in all`);
if (dupes.length > 0) { console.error(`resume-demo: measured twice: ${dupes.join(", ")}`); process.exit(1); }
if (new Set(runs).size !== 3 && rest.failed.length === 0 && again.executed.length === 0 && runs.length < 3) {
  // A kill between a round's record and the summary write can hide it from the summaries; never a repeat.
  console.log("resume-demo: (a round completed in the instant of the kill is not in a summary)");
}
if (rest.failed.length > 0 || again.executed.length > 0) { console.error("resume-demo: the resumed campaign did not finish cleanly"); process.exit(1); }
console.log("resume-demo: ok, no completed round was repeated, and a further make ran nothing");
CHECK
