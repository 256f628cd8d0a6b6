import { describe, expect, it } from "vitest";
import { lineageOf, resolveParent } from "../../../../src/staging/versions/index.js";
import type { VersionEntry, VersionRecord } from "../../../../src/staging/versions/index.js";

function entries(parents: Record<string, string>): VersionEntry[] {
  const present = new Set(Object.keys(parents));
  return Object.entries(parents).map(([slug, parent]) => {
    const record: VersionRecord = {
      slug,
      status: "staging",
      parent,
      createdAt: "2026-02-22T20:01:59Z",
      dir: "",
      file: "",
      fields: {},
      text: "",
    };
    return resolveParent(record, present);
  });
}

describe("resolveParent and lineageOf", () => {
  const versions = entries({
    c: "version:b",
    b: "version:a",
    a: "none",
    rust: "version:rust-m1",
    java: "decompiled:docker-image:ghcr.io/acme/cp:1",
    old: "baseline",
    loop1: "version:loop2",
    loop2: "version:loop1",
  });
  const bySlug = (slug: string): VersionEntry | undefined => versions.find((v) => v.slug === slug);

  it("resolves present parents and classifies the others", () => {
    expect(bySlug("c")).toMatchObject({ parentSlug: "b", origin: "version" });
    expect(bySlug("a")).toMatchObject({ parentSlug: null, origin: "none" });
    expect(bySlug("rust")).toMatchObject({ parentSlug: null, origin: "outside", parent: "version:rust-m1" });
    expect(bySlug("java")).toMatchObject({ parentSlug: null, origin: "opaque" });
    expect(bySlug("old")).toMatchObject({ parentSlug: null, origin: "opaque" });
  });

  it("follows the chain to its origin", () => {
    expect(lineageOf(versions, "c")).toEqual({ slugs: ["c", "b", "a"], origin: "none" });
    expect(lineageOf(versions, "rust")).toEqual({ slugs: ["rust"], origin: "version:rust-m1" });
    expect(lineageOf(versions, "java")).toEqual({
      slugs: ["java"],
      origin: "decompiled:docker-image:ghcr.io/acme/cp:1",
    });
  });

  it("stops on a hand-made cycle", () => {
    expect(lineageOf(versions, "loop1")).toEqual({ slugs: ["loop1", "loop2"], origin: "cycle" });
  });
});
