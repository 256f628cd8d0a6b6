import { BadInput } from "./BadInput.js";
import { jsonTransform, type JsonValue } from "./jsonTransform.js";
import { wordStats } from "./wordStats.js";

/** The functions the service serves at `POST /functions/<name>/invoke`. */
export const FUNCTION_NAMES = ["word-stats", "json-transform"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What the server sends: status and the exact body bytes (as a string), always JSON. */
export interface FunctionResponse {
  status: number;
  body: string;
}

export function isFunctionName(name: string): name is FunctionName {
  return (FUNCTION_NAMES as readonly string[]).includes(name);
}

/**
 * Runs one function on a raw request body. Pure: the corpus generator calls it to compute the
 * expected response of every benchmark request. Error bodies never carry engine messages, so
 * node and bun answer bad input byte for byte alike too.
 */
export function invokeFunction(name: FunctionName, body: Uint8Array): FunctionResponse {
  try {
    if (body.byteLength > MAX_BODY_BYTES) return errorResponse(413, `body exceeds ${MAX_BODY_BYTES} bytes`);
    const text = decodeUtf8(body);
    const result = name === "word-stats" ? wordStats(text) : jsonTransform(parseJson(text));
    return { status: 200, body: JSON.stringify(result) };
  } catch (error) {
    if (error instanceof BadInput) return errorResponse(400, error.message);
    throw error;
  }
}

export function errorResponse(status: number, message: string): FunctionResponse {
  return { status, body: JSON.stringify({ error: message }) };
}

function decodeUtf8(body: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new BadInput("body is not valid UTF-8");
  }
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new BadInput("body is not valid JSON");
  }
}
