import { describe, expect, it } from "vitest";
import {
  invokeFunction,
  MAX_BODY_BYTES,
} from "../../../experiments/demo/versions/baseline/snapshot/src/functions.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("invokeFunction", () => {
  it("answers word-stats with its JSON", () => {
    expect(invokeFunction("word-stats", bytes("a b a"))).toEqual({
      status: 200,
      body: '{"words":3,"distinct":2,"top":[{"word":"a","count":2},{"word":"b","count":1}],"mean_word_length":1}',
    });
  });

  it("answers json-transform with its JSON", () => {
    expect(invokeFunction("json-transform", bytes('{"a":[1,2.5]}'))).toEqual({
      status: 200,
      body:
        '{"leaves":2,"max_depth":2,"types":{"array":1,"boolean":0,"null":0,"number":2,"object":1,"string":0},' +
        '"numeric":{"count":2,"sum":3.5,"min":1,"max":2.5,"mean":1.75},"flat":[["a.0",1],["a.1",2.5]]}',
    });
  });

  it("answers bad input with 400 and an engine-independent JSON error", () => {
    expect(invokeFunction("json-transform", bytes('{"a":'))).toEqual({
      status: 400,
      body: '{"error":"body is not valid JSON"}',
    });
    expect(invokeFunction("json-transform", bytes("42"))).toEqual({
      status: 400,
      body: '{"error":"json-transform expects a JSON object or array"}',
    });
    expect(invokeFunction("word-stats", new Uint8Array([0x61, 0xff, 0x62]))).toEqual({
      status: 400,
      body: '{"error":"body is not valid UTF-8"}',
    });
  });

  it("refuses a body over the limit with 413", () => {
    expect(invokeFunction("word-stats", new Uint8Array(MAX_BODY_BYTES + 1)).status).toBe(413);
    expect(invokeFunction("word-stats", new Uint8Array(MAX_BODY_BYTES)).status).toBe(200);
  });

  it("strips a UTF-8 byte order mark", () => {
    expect(invokeFunction("json-transform", bytes('\ufeff{"a":1}')).status).toBe(200);
  });
});
