import { describe, expect, it } from "vitest";
import { isLoopbackHost, scrapeUrl } from "../../../../src/drivers/metrics/index.js";
import { StagingError } from "../../../../src/errors/StagingError.js";

function refusal(call: () => unknown): StagingError {
  try {
    call();
  } catch (error) {
    if (error instanceof StagingError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("scrapeUrl", () => {
  it.each([
    ["http://127.0.0.1:8080", "/metrics", "http://127.0.0.1:8080/metrics"],
    ["http://127.0.0.1:8080/", "/metrics", "http://127.0.0.1:8080/metrics"],
    ["http://127.3.2.1:9", "/actuator/prometheus", "http://127.3.2.1:9/actuator/prometheus"],
    ["http://localhost:30080/svc/", "/metrics", "http://localhost:30080/svc/metrics"],
    ["https://[::1]:8443", "/metrics?x=1", "https://[::1]:8443/metrics?x=1"],
    ["http://127.1:80", "/m", "http://127.0.0.1/m"],
    ["http://[0:0:0:0:0:0:0:1]:1", "//evil.example/m", "http://[::1]:1//evil.example/m"],
  ])("joins %s and %s", (base, path, expected) => {
    expect(scrapeUrl(base, path).href).toBe(expected);
  });

  it.each([
    ["http://10.0.0.5:8080", "host 10.0.0.5"],
    ["http://example.com", "host example.com"],
    ["http://128.0.0.1", "host 128.0.0.1"],
    ["http://[::ffff:127.0.0.1]", "host [::ffff:7f00:1]"],
    ["http://localhost.evil.example", "host localhost.evil.example"],
    ["ftp://127.0.0.1", "protocol ftp: (expected http: or https:)"],
    ["localhost:8080", "protocol localhost: (expected http: or https:)"],
    ["127.0.0.1:8080", "not a URL"],
    ["not a url", "not a URL"],
    ["http://u:p@127.0.0.1", "credentials in the URL"],
    ["http://127.0.0.1/?a=1", "a query or fragment in the base URL"],
  ])("refuses %s with E_SCRAPE_TARGET", (base, got) => {
    const error = refusal(() => scrapeUrl(base, "/metrics"));
    expect(error.code).toBe("E_SCRAPE_TARGET");
    expect(error.facts.got).toBe(got);
    expect(error.format()).toContain("hint: scrape only a deployment reached on this machine");
  });

  it.each(["metrics", "/met rics", "/m#x", ""])("refuses the path %j", (path) => {
    const error = refusal(() => scrapeUrl("http://127.0.0.1", path));
    expect(error.code).toBe("E_SCRAPE_TARGET");
    expect(error.facts.path).toBe(path);
  });

  it("knows 127.0.0.0/8, localhost and [::1]", () => {
    expect(isLoopbackHost("127.255.255.255")).toBe(true);
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("127.0.0.256")).toBe(false);
    expect(isLoopbackHost("127.0.0")).toBe(false);
    expect(isLoopbackHost("::1")).toBe(false);
  });
});
