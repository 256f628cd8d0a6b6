import type autocannon from "autocannon";
import { responseBytes, type RequestContext } from "./autocannonClientHooks.js";
import type { LoadInput } from "./LoadDriver.js";
import { createRequestSequence } from "./requestSequence.js";
import type { ResponseSampler } from "./ResponseSampler.js";

/**
 * The single autocannon request template whose `setupRequest` draws the next item of the seeded
 * sequence, shared by all connections: the k-th request written by the instance is the k-th item,
 * whichever connection writes it. autocannon keeps one context per connection and, with one
 * request in flight per connection, `onResponse` sees the context of the request it answers, so
 * the sampler knows which body a response belongs to.
 */
export function autocannonRequest(
  input: LoadInput,
  url: URL,
  sampler: ResponseSampler | undefined,
  isMeasuring: () => boolean,
): autocannon.Request {
  const sequence = createRequestSequence(
    input.requests.map((r) => r.weight),
    input.requests.map((r) => r.bodies.length),
    input.seed,
  );
  const basePath = url.pathname.replace(/\/+$/, "");
  return {
    setupRequest: (req, context) => {
      const item = sequence.next();
      (context as RequestContext).item = item;
      const spec = input.requests[item.fn];
      const body = spec?.bodies[item.bodyIndex]?.body ?? "";
      return {
        ...req,
        method: (spec?.method ?? "GET").toUpperCase() as autocannon.Request["method"],
        path: basePath + (spec?.path ?? "/"),
        headers: body === "" ? {} : { "content-type": spec?.contentType ?? "application/json" },
        body,
      };
    },
    onResponse: (status, body, context) => {
      const item = (context as RequestContext).item;
      if (!sampler || !item || status < 200 || status > 299 || !isMeasuring() || !sampler.wants(item)) return;
      sampler.check(item, responseBytes(body));
    },
  };
}
