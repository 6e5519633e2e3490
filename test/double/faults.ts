import type { Fault, RouteName } from './types';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Scripted faults per route, consumed oldest first, each for `times` requests. */
export class FaultQueue {
  private readonly byRoute = new Map<RouteName, QueuedFault[]>();

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`Fault.times must be a positive integer, got ${times}`);
    }
    const queue = this.byRoute.get(fault.route) ?? [];
    queue.push({ fault, remaining: times });
    this.byRoute.set(fault.route, queue);
  }

  /** The fault for the next request on `route`, if any; counts it as used. */
  take(route: RouteName): Fault | undefined {
    const queue = this.byRoute.get(route);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    return head.fault;
  }

  clear(): void {
    this.byRoute.clear();
  }
}
