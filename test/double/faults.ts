import type { Fault, RandomFaults, RouteName } from './types';

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

/** Routes random faults apply to unless told otherwise: those a client may safely repeat. */
export const REPEATABLE_ROUTES: readonly RouteName[] = [
  'upload-urls',
  'get-project',
  'delete-project',
  'upload',
  'download',
];

/** Routes whose answer has a body that can be cut half way. */
const ROUTES_WITH_BODY: ReadonlySet<RouteName> = new Set(['upload-urls', 'get-project', 'download']);

/** Draws the random faults of `DoubleOptions.randomFaults` from a seeded generator. */
export class RandomFaultSource {
  readonly seed: number;
  private readonly routes: ReadonlySet<RouteName>;
  private readonly random: () => number;

  constructor(private readonly options: RandomFaults) {
    if (!(options.rate >= 0 && options.rate <= 1)) {
      throw new RangeError(`randomFaults.rate must be between 0 and 1, got ${options.rate}`);
    }
    this.seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.routes = new Set(options.routes ?? REPEATABLE_ROUTES);
    this.random = mulberry32(this.seed);
  }

  /** A fault for this request of `route`, or undefined (most of the time). */
  draw(route: RouteName): { fault: Fault; label: string } | undefined {
    if (!this.routes.has(route) || this.random() >= this.options.rate) return undefined;
    const kinds: { fault: Fault; label: string }[] = [
      ...[500, 502, 503].map((status) => ({ fault: { route, status }, label: String(status) })),
      { fault: { route, reset: 'before-request-body' }, label: 'reset before-request-body' },
      { fault: { route, reset: 'after-request-body' }, label: 'reset after-request-body' },
    ];
    if (ROUTES_WITH_BODY.has(route)) {
      kinds.push({ fault: { route, reset: 'mid-response-body' }, label: 'reset mid-response-body' });
    }
    return kinds[Math.floor(this.random() * kinds.length)];
  }
}

/** A small, fast, seedable generator of numbers in [0, 1) (Mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
