import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeFunction } from "../../../experiments/demo/versions/baseline/snapshot/src/functions.js";
import { requireOrSkip } from "../../helpers/integration.js";
import { buildService, javacAvailable, startService, type Running } from "./demoService.js";

/**
 * The jvm mode answers exactly as the node service's own code (its pure functions, run here) for
 * any input, not only the corpus: number formatting, key order, escaping, UTF-8 and JSON errors.
 */
const jvm = requireOrSkip(javacAvailable, "javac (a JDK 17) on PATH");
const versions = ["baseline", "candidate"] as const;
type Fn = "word-stats" | "json-transform";

let work: string;
const services = new Map<string, Running>();

beforeAll(async () => {
  if (!jvm) return;
  work = mkdtempSync(join(tmpdir(), "staging-demo-jvm-eq-"));
  for (const version of versions)
    services.set(version, await startService(await buildService(version, "jvm", join(work, version)), {}));
});

afterAll(() => {
  for (const service of services.values()) if (service.child.exitCode === null) service.child.kill("SIGKILL");
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** The JVM's answer and the node service's answer to the same bytes. */
async function answers(version: string, fn: Fn, body: string | Uint8Array) {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const port = services.get(version)!.port;
  const response = await fetch(`http://127.0.0.1:${port}/functions/${fn}/invoke`, {
    method: "POST",
    body: bytes,
  });
  return { jvm: { status: response.status, body: await response.text() }, node: invokeFunction(fn, bytes) };
}

async function expectSame(version: string, fn: Fn, body: string | Uint8Array): Promise<void> {
  const { jvm: got, node: want } = await answers(version, fn, body);
  expect(got, typeof body === "string" ? body.slice(0, 200) : `${body.length} bytes`).toEqual(want);
}

const trickyKeys = [
  "a",
  "a.b",
  "x\\y",
  "0",
  "2",
  "10",
  "01",
  "-1",
  "4294967294",
  "4294967295",
  "__proto__",
  "",
  "😀",
];
const trickyNumbers = [
  0,
  -0,
  5e-324,
  2.2250738585072014e-308,
  1e21,
  1e-7,
  1e-6,
  0.1,
  0.3,
  2 ** 53,
  1.7976931348623157e308,
];
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
  fc.constantFrom(...trickyNumbers),
);
const key = fc.oneof(
  fc.constantFrom(...trickyKeys),
  fc.string(),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const { doc } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    number,
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
    tie("doc"),
  ),
  doc: fc.oneof(fc.array(tie("value"), { maxLength: 6 }), fc.dictionary(key, tie("value"), { maxKeys: 6 })),
}));

describe.runIf(jvm)("json-transform on the JVM, against the node service's code", () => {
  it("answers any document alike: numbers, sums, key order, escaping", async () => {
    await fc.assert(
      fc.asyncProperty(doc, async (d) => expectSame("baseline", "json-transform", JSON.stringify(d))),
      { numRuns: 400 },
    );
  });

  it.each([
    ['{"b":1,"a":2,"b":3}', "a repeated key keeps its first place and its last value"],
    ['{"x":0.1,"y":0.2,"1":0.3}', "array-index keys are summed first"],
    [' \t\n\r{"a" : [ 1e400 , -1e400 ] }\n', "infinities are null; their sum is null"],
    ['{"a":"\\ud800\\u00e9\\u001f\\/"}', "escapes, a lone surrogate written back escaped"],
    ['\ufeff{"bom":true}', "a byte order mark is dropped"],
    [`${"[".repeat(64)}1${"]".repeat(64)}`, "64 levels is the limit"],
    [`${"[".repeat(65)}1${"]".repeat(65)}`, "65 levels is refused"],
    ["[".repeat(200_000), "deep and unterminated: invalid, not a stack overflow"],
    ["[1,]", "a trailing comma"],
    ['{"a":01}', "a leading zero"],
    ['{"a":"\t"}', "a raw control character in a string"],
    ['"scalar"', "a scalar document"],
    ["", "an empty body"],
    ["[1] x", "text after the document"],
    ['["\\x"]', "an unknown escape"],
  ])("answers %j alike (%s)", async (body) => {
    await expectSame("baseline", "json-transform", body);
  });
});

describe.runIf(jvm).each(versions)(
  "word-stats on the JVM, %s, against the node service's code",
  (version) => {
    const words = fc.constantFrom(..."aZ9'' \n.,-_é😀İ\u0301\ud800".split(""), "😀", "xy", "Q'r", "Don't");

    it("answers any text alike", async () => {
      const text = fc.oneof(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "binary" }),
        fc.array(words, { maxLength: 80 }).map((a) => a.join("")),
      );
      await fc.assert(
        fc.asyncProperty(text, async (t) => expectSame(version, "word-stats", t)),
        { numRuns: 300 },
      );
    });

    it("answers any bytes alike, invalid UTF-8 included", async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 24 }), async (bytes) =>
          expectSame(version, "word-stats", bytes),
        ),
        { numRuns: 300 },
      );
    });

    it.each([
      [[0xc0, 0xaf], "an overlong encoding"],
      [[0xed, 0xa0, 0x80], "an encoded surrogate"],
      [[0xf4, 0x90, 0x80, 0x80], "past U+10FFFF"],
      [[0x61, 0xe2, 0x82], "a truncated sequence"],
    ])("refuses %j alike (%s)", async (bytes) => {
      await expectSame(version, "word-stats", new Uint8Array(bytes));
    });
  },
);
