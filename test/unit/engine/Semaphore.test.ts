import { describe, expect, it } from "vitest";
import { Semaphore } from "../../../src/engine/Semaphore.js";

describe("Semaphore", () => {
  it("serves waiters highest priority first, and first come among equals", async () => {
    const sem = new Semaphore(1);
    const hold = await sem.acquire();
    const order: string[] = [];
    const waits = (
      [
        ["a", 0],
        ["b", 5],
        ["c", 0],
        ["d", 5],
        ["e", -1],
        ["f", 9],
      ] as const
    ).map(async ([name, priority]) => {
      const release = await sem.acquire(priority);
      order.push(name);
      release();
    });
    hold();
    await Promise.all(waits);
    expect(order).toEqual(["f", "b", "d", "a", "c", "e"]);
  });

  it("lets as many in as its limit, and a release twice frees one slot only", async () => {
    const sem = new Semaphore(2);
    const one = await sem.acquire();
    await sem.acquire();
    let third = false;
    const waiting = sem.acquire().then(() => (third = true));
    one();
    one();
    await waiting;
    expect(third).toBe(true);
  });
});
