import type { SshTarget } from "../../targets/ssh/SshTarget.js";
import { CGROUP_CPU_FN, containerCpuReading, type ContainerCpuCounter } from "./containerCpu.js";
import type { CpuReader } from "./CpuReader.js";
import type { CpuReading } from "./CpuReading.js";
import { assertPid } from "./cpuReadErrors.js";
import { MACHINE_LOAD_FN, machineLoadSample, type MachineLoadSample } from "./MachineLoad.js";
import { ANSWER_END, ShellSession } from "./ShellSession.js";
import { TREE_CPU_FN, treeCpuReading } from "./treeCpuScript.js";

/**
 * The session's script: one request per line (`tree PID`, `load`, or `cgroup` followed by the
 * counter file and the process list on lines of their own), each answer closed by `@@end`. Pids
 * are checked before they are sent and are only ever used in paths; nothing read is evaluated.
 */
const READER_SH = `${TREE_CPU_FN}${CGROUP_CPU_FN}${MACHINE_LOAD_FN}
while read -r req arg; do
  case $req in
    tree) tree_cpu "$arg" /proc ;;
    cgroup) read -r file; read -r procs; cgroup_cpu "$file" "$procs" ;;
    load) machine_load ;;
  esac
  echo ${ANSWER_END}
done
`;

/** The reads of an SSH target through one shell kept open on it. */
export class SshCpuReader implements CpuReader {
  private readonly session: ShellSession;

  constructor(private readonly target: SshTarget) {
    this.session = new ShellSession(target, READER_SH);
  }

  async processTreeCpu(pid: number): Promise<CpuReading> {
    const answer = await this.session.request([`tree ${assertPid(pid, "processTreeCpu")}`]);
    return treeCpuReading(this.target.name, pid, answer);
  }

  async containerCpu(counter: ContainerCpuCounter): Promise<CpuReading> {
    const answer = await this.session.request(["cgroup", counter.file, counter.procs]);
    return containerCpuReading(this.target.name, counter, answer);
  }

  async machineLoad(): Promise<MachineLoadSample> {
    return machineLoadSample(this.target.name, await this.session.request(["load"]));
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
