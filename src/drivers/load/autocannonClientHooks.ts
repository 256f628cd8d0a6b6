import type autocannon from "autocannon";
import type { SequenceItem } from "./requestSequence.js";

/** What a connection reports that autocannon itself does not count per request. */
export interface ClientEvents {
  /** A request was written to the socket. */
  sent(): void;
  /**
   * Requests lost without a response: `timeout` (no answer in time), `socket` (socket error),
   * `closed` (peer closed); `item` is the request that was in flight, where it is known.
   */
  lost(kind: "timeout" | "socket" | "closed", count: number, item: SequenceItem | undefined): void;
}

/** The per-connection context `autocannonRequest` keeps: the sequence item it last set up. */
export interface RequestContext {
  item?: SequenceItem;
}

interface PendingRequest {
  body: unknown;
}

/** The parts of autocannon 8's `lib/httpClient.js` these hooks rely on. */
interface ClientInternals {
  pipelinedRequests: {
    peek(): PendingRequest | undefined;
    size(): number;
    clear(): void;
    addBody(data: Buffer): void;
  };
  _connect(): void;
  _destroyConnection(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  requestIterator?: { context?: RequestContext };
}

/**
 * Installed through autocannon's `setupClient`, which runs inside the client's constructor before
 * its first connect. Two things autocannon 8 gets wrong for us:
 * - it decodes each body chunk to a string as it arrives, so a multi-byte UTF-8 character split
 *   across reads becomes U+FFFD and the sha256 check would fail on a correct response; we keep the
 *   raw chunks instead (`onResponse` then receives a `Buffer[]`, see `responseBytes`);
 * - on a socket error or a peer close it reconnects without clearing the pending-request queue, so
 *   the lost request is counted nowhere and the next response is timed from the lost request's
 *   start; we count the loss and clear the queue first.
 * A timeout is counted only when a request was pending (in fixed-rate mode an idle connection can
 * time out with nothing in flight). Each loss names the request that was in flight (see
 * `inFlightItem`), taken before autocannon sets up the next one.
 */
export function installClientHooks(client: autocannon.Client, events: ClientEvents): void {
  const internals = client as unknown as ClientInternals;
  const queue = internals.pipelinedRequests;
  if (
    typeof queue?.peek !== "function" ||
    typeof queue.clear !== "function" ||
    typeof internals._connect !== "function" ||
    typeof internals._destroyConnection !== "function" ||
    typeof internals.requestIterator?.context !== "object"
  ) {
    throw new Error(
      "autocannon client internals changed (written against autocannon 8.0): cannot measure per request",
    );
  }

  queue.addBody = (data: Buffer) => {
    const pending = queue.peek();
    if (!pending) return;
    if (Array.isArray(pending.body)) (pending.body as Buffer[]).push(data);
    else pending.body = [data];
  };

  const connect = internals._connect.bind(client);
  internals._connect = () => {
    const pending = queue.size();
    if (pending > 0) {
      events.lost("closed", pending, inFlightItem(client));
      queue.clear();
    }
    connect();
  };

  let pendingAtDestroy = 0;
  let itemAtDestroy: SequenceItem | undefined;
  const destroyConnection = internals._destroyConnection.bind(client);
  internals._destroyConnection = () => {
    pendingAtDestroy = queue.size();
    itemAtDestroy = inFlightItem(client);
    destroyConnection();
  };

  // A timeout is emitted after autocannon reconnected and sent the next request: the lost one is
  // the request in flight when the connection was destroyed.
  internals.on("timeout", () => {
    if (pendingAtDestroy > 0) events.lost("timeout", pendingAtDestroy, itemAtDestroy);
    pendingAtDestroy = 0;
  });
  internals.on("connError", () => {
    const pending = queue.size();
    if (pending > 0) events.lost("socket", pending, inFlightItem(client));
    queue.clear();
  });
  internals.on("request", () => events.sent());
}

/**
 * The sequence item of the request a connection has in flight. autocannon 8 keeps the context of
 * the current request on the client's request iterator; with one request in flight per connection
 * that is the request being answered (its `response` event comes before the next request is set
 * up, lib/httpClient.js) or lost.
 */
export function inFlightItem(client: unknown): SequenceItem | undefined {
  return (client as ClientInternals).requestIterator?.context?.item;
}

/** The bytes of a response body as `onResponse` receives it with the hooks installed. */
export function responseBytes(body: unknown): Buffer {
  if (Array.isArray(body)) return Buffer.concat(body as Buffer[]);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === "string" ? body : "");
}
