import type { SshAddress } from "./parseTargetUrl.js";
import type { VmEndpoint, VmLifecycle } from "./VmLifecycle.js";

/** The VM exists already: staging checks it over SSH and never creates, stops or deletes it. */
export class ExternalLifecycle implements VmLifecycle {
  readonly kind = "external" as const;

  constructor(
    private readonly address: SshAddress,
    private readonly log: (line: string) => void = () => {},
  ) {}

  describe(): string {
    return `VM lifecycle: external (the VM at ${this.address.host} exists already; staging uses it over SSH and never creates, stops or deletes it)`;
  }

  ensure(): Promise<VmEndpoint> {
    this.log(this.describe());
    return Promise.resolve({ address: this.address });
  }

  stop(): Promise<void> {
    this.log(`VM lifecycle: external, so staging leaves ${this.address.host} running`);
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.log(`VM lifecycle: external, so staging does not delete ${this.address.host}`);
    return Promise.resolve();
  }
}
