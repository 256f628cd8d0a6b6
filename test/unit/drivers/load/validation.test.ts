import { describe, expect, it } from "vitest";
import { assertLoopbackUrl, createLoadDriver, type LoadInput } from "../../../../src/drivers/load/index.js";
import { validateLoadInput } from "../../../../src/drivers/load/validateLoadInput.js";

describe("assertLoopbackUrl", () => {
  it.each(["http://127.0.0.1:8080", "http://localhost:3000/base", "https://LOCALHOST", "http://[::1]:9000"])(
    "accepts %s",
    (url) => {
      expect(assertLoopbackUrl(url).href).toBeTruthy();
    },
  );

  it.each([
    "http://example.com",
    "http://10.0.0.1:80",
    "http://127.0.0.2",
    "http://0.0.0.0:80",
    "ftp://127.0.0.1",
    "not a url",
    "http://localhost.evil.com",
  ])("refuses %s with E_LOAD_TARGET", (url) => {
    expect(() => assertLoopbackUrl(url)).toThrow(expect.objectContaining({ code: "E_LOAD_TARGET" }));
  });
});

describe("validateLoadInput", () => {
  const base: LoadInput = {
    url: "http://127.0.0.1:1",
    load: { warmup_s: 0, duration_s: 1, connections: 1, timeout_s: 1 },
    requests: [{ name: "f", method: "GET", path: "/f", weight: 1, contentType: "text/plain", bodies: [] }],
    responseSample: 0,
    workDir: "/tmp/unused",
    seed: 0,
  };

  it.each<[string, Partial<LoadInput>]>([
    ["requests.f.corpus", {}],
    ["load.connections", { load: { ...base.load, connections: 0 } }],
    ["load.duration_s", { load: { ...base.load, duration_s: 0 } }],
    ["load.rate", { load: { ...base.load, rate: 0.5 } }],
    ["requests", { requests: [] }],
    [
      "requests.f.method",
      { requests: [{ ...base.requests[0]!, method: "FETCH", bodies: [{ body: "", responseSha256: "" }] }] },
    ],
    [
      "requests.f.weight",
      { requests: [{ ...base.requests[0]!, weight: 0, bodies: [{ body: "", responseSha256: "" }] }] },
    ],
  ])("names the field %s", (field, change) => {
    expect(errorOf(() => validateLoadInput({ ...base, ...change }, { needsBodies: true }))).toMatchObject({
      code: "E_LOAD_SPEC",
      facts: { field },
    });
  });

  it("lets k6 run without a corpus", () => {
    expect(validateLoadInput(base, { needsBodies: false }).port).toBe("1");
  });

  it("lets k6 run a script that makes its own requests (a benchmark without requests)", () => {
    expect(validateLoadInput({ ...base, requests: [] }, { needsBodies: false }).port).toBe("1");
  });
});

describe("createLoadDriver", () => {
  it("picks a driver by name and lists the valid ones for an unknown name", () => {
    expect(createLoadDriver("autocannon").name).toBe("autocannon");
    expect(errorOf(() => createLoadDriver("wrk"))).toMatchObject({
      code: "E_LOAD_DRIVER",
      facts: { expected: "autocannon | k6", got: "wrk" },
    });
  });
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
