/** Starting the local Magic Hour double for a scenario, and reading what it recorded. */
import { startDouble } from '../../test/double/server';
import type { DoubleOptions, MagicHourDouble, RecordedRequest } from '../../test/double/types';

/** Any token the double accepts. */
export const TOKEN = 'bench-token';

/** The double, plus when each upload was fully received (the double records arrivals only). */
export interface BenchDouble {
  double: MagicHourDouble;
  /** Epoch ms at which the storage origin had read the last byte of each upload, by file_path. */
  uploadDoneAt: Map<string, number>;
  close(): Promise<void>;
}

export async function startBenchDouble(options: DoubleOptions): Promise<BenchDouble> {
  const double = await startDouble(options);
  const uploadDoneAt = new Map<string, number>();
  // The storage route stores an upload in this map right after its last byte arrived and before it
  // answers: a timestamp there is the server-side end of the PUT, the same for every client.
  const uploads = double.uploads;
  const set = uploads.set.bind(uploads);
  uploads.set = (filePath, file) => {
    uploadDoneAt.set(filePath, Date.now());
    return set(filePath, file);
  };
  return { double, uploadDoneAt, close: () => double.close() };
}

/** Status checks (GET /v1/video-projects/:id) of one project, oldest first. */
export function statusChecks(requests: readonly RecordedRequest[], projectId: string): RecordedRequest[] {
  return requests.filter(
    (r) => r.route === 'get-project' && r.url.split('?')[0]!.endsWith(`/${encodeURIComponent(projectId)}`),
  );
}

/** Requests to the API origin (not to presigned storage). */
export function apiRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => r.origin === 'api');
}

/**
 * Which client sent a request, from its User-Agent: ours sends `magic-hour-vscode`, the SDK
 * sends node-fetch's, curl its own.
 */
export function clientOf(request: RecordedRequest): 'ours' | 'sdk' | 'curl' | 'other' {
  const agent = String(request.headers['user-agent'] ?? '');
  if (agent.startsWith('magic-hour-vscode')) return 'ours';
  if (agent.startsWith('node-fetch')) return 'sdk';
  if (agent.startsWith('curl')) return 'curl';
  return 'other';
}

/** Storage requests that carried an Authorization header (the double answers them 400). */
export function storageRequestsWithToken(requests: readonly RecordedRequest[]): number {
  return requests.filter((r) => r.origin === 'storage' && r.headers.authorization !== undefined).length;
}

/** Calls the double's API with the bench token (for curl's upload URL and download link). */
export async function callApi<T>(apiUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
