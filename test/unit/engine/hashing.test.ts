import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/engine/hashing.js";
import { hashValue } from "../../../src/engine/hashValue.js";
import { manifestKey } from "../../../src/engine/InputManifest.js";

// Golden values: if an upgrade of object-hash or a change here moves any of them, every record
// in every user's store would silently go stale. Change them only with a task version bump plan.
describe("value hashes are pinned", () => {
  it.each([
    [null, "fa1d2db62d4d952e2031452e1bc1ddcad0b192c2e29a706f11ce426ae5acddea"],
    [0, "ae62ce379369986c0b3c2c8449339c79982142663fe046e6bd3e36380a1310b6"],
    [1.5, "25ac7da3ba1c2b13def259600ea9fa0d2ec4530a65515956d9e0f4fafb1172d3"],
    ["", "52e4bbd9c0f9357a404adccf8a75021155bfed0d61b6bfaa172d60eb11d922dc"],
    ["text", "ddb02a745bf2e4159a52b6ecc241004c9bb21e955b8041be4cb482d98ca46b57"],
    [true, "4026e0ec651f149cd7e4c2133c1e3af3377ac83debaf6af139fdb09b031f95bb"],
    [[1, 2, 3], "ec678b6bef84bc20a75d355ab0825174179d4fd6307187be9f9b148c78df3314"],
    [{ b: 1, a: 2 }, "e3c015a1721771329c9c7b7ca952a9e6f370e20c8e07955fced1f0b580517004"],
    [
      { nested: { list: ["x", { y: null }] } },
      "6bd4b61445c2b7b25d8a119c5da151f487402f2301b0ea71b4e95178ae124222",
    ],
    [
      { args: ["--build-arg", "A=1"], dockerfile: "docker/node.Dockerfile" },
      "9d08a3078e5ffabec59656a8d89fe3111cbe8176cb474dc937e92591a38eebdb",
    ],
  ])("hashValue(%j) is %s", (value, expected) => {
    expect(hashValue(value)).toBe(expected);
  });

  it("ignores object key order but not array order", () => {
    expect(hashValue({ a: 2, b: 1 })).toBe(hashValue({ b: 1, a: 2 }));
    expect(hashValue([1, 2])).not.toBe(hashValue([2, 1]));
  });

  it("pins the key of a manifest", () => {
    const key = manifestKey({
      id: "fingerprint:a",
      taskVersion: "fingerprint@1",
      files: { snapshot: { "a.txt": "h1", "b/c.txt": "h2+x" } },
      values: {},
      env: {},
      upstream: {},
    });
    expect(key).toBe("d01162968a522b4f76898e31518962f1cf14bf93e386cb00e512e89fccfa7f83");
  });

  it("writes canonical JSON with sorted keys at every level", () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [{ z: 1, y: 2 }] })).toBe(
      '{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}',
    );
  });
});

describe("canonical JSON of values already in order", () => {
  // The rebuild-everything implementation canonicalJson had before it learned to keep what is
  // already sorted: every output must stay byte-identical to it, or stored keys would move.
  const rebuilt = (value: unknown): string => JSON.stringify(rebuild(value));
  function rebuild(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(rebuild);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort())
        out[key] = rebuild((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  }

  it("is byte-identical to rebuilding every object, for any JSON value", () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom("0", "10", "9", "a", "a/b", "a-c", "__proto__", "toString"),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 5 }),
        fc
          .dictionary(key, tie("node"), { maxKeys: 5 })
          .map((d) => Object.fromEntries(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : 1)))),
      ),
    })).node;
    fc.assert(fc.property(value, (v) => canonicalJson(v) === rebuilt(v)));
  });

  it("keeps what rebuilding did to objects that are not plain: a Date or a Map becomes {}", () => {
    const odd = { when: new Date(0), map: new Map([["k", 1]]), [JSON.parse('"__proto__"') as string]: 1 };
    expect(canonicalJson(odd)).toBe(rebuilt(odd));
    const own = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
    expect(canonicalJson(own)).toBe(rebuilt(own));
    class Tagged extends Array<unknown> {
      toJSON() {
        return `tagged:${JSON.stringify([...this])}`;
      }
    }
    const arrayWithOwn = Object.assign([1, 2], { toJSON: () => "own" });
    const objectLookingAtThis = {
      a: 1,
      b: { z: 1, y: 2 },
      toJSON(this: object) {
        return Object.keys(this).join(",");
      },
    };
    const hidden = Object.defineProperty({ a: 1 }, "toJSON", { value: () => "hidden", enumerable: false });
    for (const odd of [arrayWithOwn, Tagged.from([{ b: 1, a: 2 }]), objectLookingAtThis, hidden]) {
      expect(canonicalJson(odd)).toBe(rebuilt(odd));
    }
  });

  it("gives a large tree built in sorted order the same text as JSON.stringify", () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) tree[`d${Math.floor(i / 10)}/f${i}`] = `h${i}`;
    const sorted = Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(canonicalJson(sorted)).toBe(JSON.stringify(sorted));
    expect(canonicalJson(tree)).toBe(rebuilt(tree));
  });
});
