/**
 * The CPUs of a Linux CPU list (`0-3,5`, as in /sys/devices/system/cpu/online, Cpus_allowed_list
 * and `taskset -c`), sorted and without repeats; null when the text is not such a list.
 */
export function parseCpuList(text: string): number[] | null {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const cpus = new Set<number>();
  for (const part of trimmed.split(",")) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) return null;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) return null;
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** A CPU list in the kernel's shape, runs of three or more as ranges: `[0, 1, 2, 5]` -> `0-2,5`. */
export function formatCpuList(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const [first, last] = [sorted[i], sorted[j]];
    parts.push(j - i >= 2 ? `${first}-${last}` : sorted.slice(i, j + 1).join(","));
    i = j + 1;
  }
  return parts.join(",");
}

/** CPU numbers reach `taskset` and `docker update` as arguments: only non-negative integers. */
export function assertCpus(cpus: readonly number[], caller: string): number[] {
  for (const cpu of cpus)
    if (!Number.isInteger(cpu) || cpu < 0)
      throw new RangeError(`${caller}: CPUs must be non-negative integers, got ${cpu}`);
  return [...new Set(cpus)].sort((a, b) => a - b);
}
