import { readFileSync, readdirSync } from "node:fs";
import { parseCpuList } from "../../../../src/drivers/cpu/index.js";

/** The CPUs every thread of `pid` may run on (each thread's Cpus_allowed_list), by thread id. */
export function threadCpus(pid: number): Map<number, number[] | null> {
  const threads = new Map<number, number[] | null>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
    threads.set(Number(tid), parseCpuList(/^Cpus_allowed_list:\s*(.*)$/m.exec(status)?.[1] ?? "x"));
  }
  return threads;
}

/** This machine's online CPUs, straight from /sys. */
export function onlineHere(): number[] {
  return parseCpuList(readFileSync("/sys/devices/system/cpu/online", "utf8")) ?? [];
}
