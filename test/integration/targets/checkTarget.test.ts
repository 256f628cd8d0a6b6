import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTarget } from "../../../src/targets/checkTarget.js";
import { formatTargetCheck } from "../../../src/targets/formatTargetCheck.js";
import { sshFingerprint } from "../../../src/targets/ssh/hostKey.js";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { freePort, sshd, sshTarget } from "./ssh/sshFixture.js";
import { join } from "node:path";

describe("staging target check", () => {
  it("checks the local target", async () => {
    const report = await checkTarget(new LocalTarget());
    expect(report.ok).toBe(true);
    expect(report.identity?.kind).toBe("local");
    expect(formatTargetCheck(report)).toMatch(
      /^target local: reachable \(\d+\.\d s\)\n {2}id: +\S+\n {2}system: +\S+ \S+/,
    );
  });

  describe.skipIf(!sshd)("over SSH", () => {
    it("reports the host key fingerprint, system, home and tools", async () => {
      const target = sshTarget(sshd!);
      const report = await checkTarget(target, { lifecycle: "external" });
      await target.close();
      const [, base64] = readFileSync(sshd!.hostKeyPub, "utf8").split(" ");
      expect(report).toMatchObject({
        target: target.name,
        ok: true,
        lifecycle: "external",
        home: process.env.HOME ?? "/root",
      });
      expect(report.identity?.id).toBe(sshFingerprint(Buffer.from(base64 ?? "", "base64")));
      const text = formatTargetCheck(report);
      expect(text.split("\n")[0]).toMatch(
        new RegExp(`^target ${target.name.replace(/[.[\]]/g, "\\$&")}: reachable`),
      );
      expect(text).toContain(`  id:        ${report.identity?.id}`);
      expect(text).toContain("  system:    Linux ");
      expect(text).toMatch(/ {2}k6: {8}(not found|\d)/);
    });

    it("reports an unknown host key as NOT reachable, with the line to add", async () => {
      const dir = useTmpDir({ known_hosts: "" });
      const target = sshTarget(sshd!, { knownHostsFile: join(dir, "known_hosts") });
      const report = await checkTarget(target);
      expect(report.ok).toBe(false);
      expect(report.error?.code).toBe("E_SSH_HOSTKEY_UNKNOWN");
      const text = formatTargetCheck(report);
      expect(text).toMatch(/NOT reachable/);
      expect(text).toContain(`line to add: [127.0.0.1]:${sshd!.port} ssh-ed25519 `);
    });

    it("reports a closed port as NOT reachable after the retry budget", async () => {
      const target = sshTarget(sshd!, { port: await freePort(), retryBudgetMs: 800 });
      const report = await checkTarget(target);
      expect(report.ok).toBe(false);
      expect(report.error?.code).toBe("E_SSH_CONNECT");
      expect(formatTargetCheck(report)).toMatch(/ECONNREFUSED/);
    });
  });
});
