import { describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/StagingError.js";
import { createLifecycle } from "../../../src/targets/createLifecycle.js";
import { ExternalLifecycle } from "../../../src/targets/ExternalLifecycle.js";
import { MultipassLifecycle } from "../../../src/targets/MultipassLifecycle.js";
import { lifecycleKind } from "../../../src/targets/VmLifecycle.js";

describe("VM lifecycle selection", () => {
  it("takes E2E_VM_LIFECYCLE over the config, and defaults to external", () => {
    expect(lifecycleKind({})).toBe("external");
    expect(lifecycleKind({}, "multipass")).toBe("multipass");
    expect(lifecycleKind({ E2E_VM_LIFECYCLE: "external" }, "multipass")).toBe("external");
    expect(lifecycleKind({ E2E_VM_LIFECYCLE: " multipass " })).toBe("multipass");
  });

  it("refuses an unknown lifecycle, naming where it came from", () => {
    try {
      lifecycleKind({ E2E_VM_LIFECYCLE: "vagrant" });
      throw new Error("accepted");
    } catch (error) {
      expect((error as StagingError).code).toBe("E_LIFECYCLE");
      expect((error as StagingError).format()).toMatch(/E2E_VM_LIFECYCLE: vagrant/);
    }
  });

  it("builds the lifecycle in force with what it needs", () => {
    const external = createLifecycle({ env: {}, address: { host: "10.0.0.5", user: "ci" } });
    expect(external).toBeInstanceOf(ExternalLifecycle);
    const runner = { run: () => Promise.reject(new Error("not called")) };
    const multipass = createLifecycle({
      env: { E2E_VM_LIFECYCLE: "multipass" },
      multipass: { name: "vm", publicKeyFile: "/k.pub", stateDir: "/s" },
      runner,
    });
    expect(multipass).toBeInstanceOf(MultipassLifecycle);
    expect(() => createLifecycle({ env: { E2E_VM_LIFECYCLE: "multipass" } })).toThrow(StagingError);
    expect(() => createLifecycle({ env: {} })).toThrow(/external VM lifecycle needs/);
  });

  it("external: says so, hands back the address, never creates, stops or deletes", async () => {
    const log: string[] = [];
    const vm = new ExternalLifecycle({ host: "10.0.0.5", user: "ci", port: 2222 }, (l) => log.push(l));
    expect(await vm.ensure()).toEqual({ address: { host: "10.0.0.5", user: "ci", port: 2222 } });
    await vm.stop();
    await vm.destroy();
    expect(log[0]).toMatch(/^VM lifecycle: external .*never creates, stops or deletes it/);
    expect(log[1]).toMatch(/leaves 10.0.0.5 running/);
    expect(log[2]).toMatch(/does not delete 10.0.0.5/);
  });
});
