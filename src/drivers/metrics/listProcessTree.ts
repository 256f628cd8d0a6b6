import { existsSync, readFileSync, readdirSync } from "node:fs";

/**
 * The pids of a process and all its descendants, the process first, read from `proc` (this
 * machine's /proc by default) without starting a process. Children come from
 * `/proc/<pid>/task/<tid>/children` (every thread's, since a child belongs to the thread that
 * forked it); a kernel without those files (CONFIG_PROC_CHILDREN off) is scanned for parent pids
 * instead. A process that exits during the walk is left out; an empty list means `rootPid` is gone.
 */
export function listProcessTree(rootPid: number, proc = "/proc"): number[] {
  const parents = existsSync(`${proc}/${rootPid}/task/${rootPid}/children`)
    ? undefined
    : childrenByParent(proc);
  const seen = new Set<number>();
  const tree: number[] = [];
  let queue = [rootPid];
  while (queue.length > 0) {
    const next: number[] = [];
    for (const pid of queue) {
      if (seen.has(pid)) continue;
      seen.add(pid);
      const tids = listDir(`${proc}/${pid}/task`);
      if (tids === null) continue;
      tree.push(pid);
      if (parents) next.push(...(parents.get(pid) ?? []));
      else for (const tid of tids) next.push(...pidsIn(readText(`${proc}/${pid}/task/${tid}/children`)));
    }
    queue = next;
  }
  return tree;
}

/**
 * The same walk as a POSIX sh function for targets reached over SSH: `tree ROOT PROC` prints one pid
 * a line, the root first. It uses only builtins (`read` of the /proc files), so a walk starts no
 * process; its variables are prefixed `tw_` to keep out of the caller's way.
 */
export const PROCESS_TREE_SH = `
tree() {
  tw_proc=$2 tw_queue=$1 tw_seen=" " tw_map="" tw_kids=children
  if [ ! -e "$tw_proc/$1/task/$1/children" ]; then
    tw_kids=ppid
    for tw_s in "$tw_proc"/[0-9]*/stat; do
      tw_line=""; { read -r tw_line < "$tw_s"; } 2>/dev/null
      [ -n "$tw_line" ] || continue
      tw_rest=\${tw_line##*") "}; tw_rest=\${tw_rest#* }
      tw_map="$tw_map \${tw_line%% *}:\${tw_rest%% *}"
    done
  fi
  while [ -n "$tw_queue" ]; do
    tw_next=""
    for tw_q in $tw_queue; do
      case $tw_seen in *" $tw_q "*) continue ;; esac
      tw_seen="$tw_seen$tw_q "
      [ -d "$tw_proc/$tw_q/task" ] || continue
      echo "$tw_q"
      if [ "$tw_kids" = children ]; then
        for tw_t in "$tw_proc/$tw_q"/task/*; do
          tw_c=""; { read -r tw_c < "$tw_t/children"; } 2>/dev/null; tw_next="$tw_next $tw_c"
        done
      else
        for tw_e in $tw_map; do [ "\${tw_e#*:}" = "$tw_q" ] && tw_next="$tw_next \${tw_e%%:*}"; done
      fi
    done
    tw_queue=$tw_next
  done
}
`;

/** Parent pid -> child pids, from every process's stat line (field 4, counted after the last `)`). */
function childrenByParent(proc: string): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of listDir(proc) ?? []) {
    if (!/^\d+$/.test(entry)) continue;
    const line = readText(`${proc}/${entry}/stat`);
    const ppid = Number(line.slice(line.lastIndexOf(")") + 2).split(" ")[1]);
    if (!Number.isInteger(ppid) || line === "") continue;
    map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
  }
  return map;
}

function listDir(path: string): string[] | null {
  try {
    return readdirSync(path);
  } catch {
    return null;
  }
}

/** A file's text, or "" when it is gone (the process exited between listing and reading). */
export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function pidsIn(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}
