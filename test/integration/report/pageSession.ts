import type { CdpEvent, CdpPipe } from "./cdpPipe.js";

/** Viewport of the page: the report's screenshot is this wide. */
export const VIEWPORT = { width: 1280, height: 2400 };

/**
 * One tab of the browser, attached over the DevTools protocol with the Runtime, Log and Network
 * domains on, so that every problem a page can report reaches us as an event.
 */
export class PageSession {
  private problems: string[] = [];

  private constructor(
    private readonly cdp: CdpPipe,
    private readonly sessionId: string,
  ) {
    cdp.onEvent((event) => {
      if (event.sessionId !== sessionId) return;
      const problem = describeProblem(event);
      if (problem !== null) this.problems.push(problem);
    });
  }

  static async open(cdp: CdpPipe): Promise<PageSession> {
    const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new PageSession(cdp, String(sessionId));
    for (const domain of ["Page", "Runtime", "Log", "Network"]) await page.send(`${domain}.enable`);
    await page.send("Emulation.setDeviceMetricsOverride", {
      ...VIEWPORT,
      deviceScaleFactor: 1,
      mobile: false,
    });
    return page;
  }

  /** Opens `url`, waits for its load event and two frames, returns the problems it reported. */
  async load(url: string): Promise<string[]> {
    this.problems = [];
    const loaded = this.cdp.waitFor("Page.loadEventFired", this.sessionId, 30_000);
    const { errorText } = await this.send("Page.navigate", { url });
    if (typeof errorText === "string") this.problems.push(`navigation: ${errorText}`);
    await loaded;
    await this.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))");
    return [...this.problems];
  }

  /** The value of a JavaScript expression in the page (awaited if a promise), as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.send("Runtime.evaluate", {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (reply.exceptionDetails !== undefined)
      throw new Error(`evaluate: ${JSON.stringify(reply.exceptionDetails)}`);
    return (reply.result as { value: T }).value;
  }

  /** A PNG of the page, VIEWPORT wide, from the top down to `height` px or to the end of its content. */
  async screenshot(height?: number): Promise<Buffer> {
    const metrics = await this.send("Page.getLayoutMetrics");
    const content = Math.ceil((metrics.cssContentSize as { height: number }).height);
    const clip = {
      x: 0,
      y: 0,
      width: VIEWPORT.width,
      height: Math.min(content, height ?? content),
      scale: 1,
    };
    const { data } = await this.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip,
    });
    return Buffer.from(String(data), "base64");
  }

  private send(method: string, params: object = {}): Promise<Record<string, unknown>> {
    return this.cdp.send(method, params, this.sessionId);
  }
}

/**
 * What counts as a console error: console.error/console.assert, an uncaught exception, a browser log
 * entry of level error (failed resource loads, Content-Security-Policy violations, …), a failed load,
 * and any request to something other than a file: or data: URL (the report must not fetch anything).
 */
export function describeProblem(event: CdpEvent): string | null {
  const p = event.params;
  switch (event.method) {
    case "Runtime.consoleAPICalled":
      return p.type === "error" || p.type === "assert"
        ? `console.${String(p.type)}: ${consoleText(p)}`
        : null;
    case "Runtime.exceptionThrown":
      return `exception: ${exceptionText(p)}`;
    case "Log.entryAdded": {
      const entry = p.entry as { level: string; source: string; text: string; url?: string };
      return entry.level === "error"
        ? `log (${entry.source}): ${entry.text} ${entry.url ?? ""}`.trim()
        : null;
    }
    case "Network.requestWillBeSent": {
      const url = (p.request as { url: string }).url;
      return /^(file|data):/.test(url) ? null : `request: ${url}`;
    }
    case "Network.loadingFailed":
      return `load failed: ${[p.errorText, p.blockedReason].filter((why) => why !== undefined && why !== "").join(" ")}`;
    default:
      return null;
  }
}

function consoleText(params: Record<string, unknown>): string {
  const args = (params.args ?? []) as Array<{ value?: unknown; description?: string }>;
  return args
    .map((arg) =>
      typeof arg.value === "string" ? arg.value : (arg.description ?? JSON.stringify(arg.value)),
    )
    .join(" ");
}

function exceptionText(params: Record<string, unknown>): string {
  const details = params.exceptionDetails as { text: string; exception?: { description?: string } };
  return details.exception?.description ?? details.text;
}
