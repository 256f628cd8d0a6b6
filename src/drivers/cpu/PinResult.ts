/** Whether a process, a container or this process now runs only on the given CPUs, or why not. */
export type PinResult = { pinned: true; cpus: number[] } | { pinned: false; reason: string };
