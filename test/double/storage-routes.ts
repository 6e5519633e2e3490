import { createHash } from 'node:crypto';
import { safeDecode, type RouteMatch } from './api-routes';
import { xmlError, type Exchange, type ResponseBody } from './exchange';
import { openOutput } from './output-source';
import { currentStatus } from './project-view';
import type { DoubleState } from './state';

const XML = { 'content-type': 'application/xml' };

/** Names the storage route for a method and path, or undefined. */
export function matchStorageRoute(method: string, pathname: string): RouteMatch | undefined {
  const upload = /^\/upload\/(.+)$/.exec(pathname);
  if (upload?.[1] !== undefined && method === 'PUT') return { route: 'upload', params: [upload[1]] };
  const download = /^\/download\/([^/]+)\/(\d+)$/.exec(pathname);
  if (download?.[1] !== undefined && download[2] !== undefined && (method === 'GET' || method === 'HEAD')) {
    return { route: 'download', params: [safeDecode(download[1]), download[2]] };
  }
  return undefined;
}

/** Answers one storage request: presigned URLs take no Authorization header and expire. */
export async function handleStorageRequest(
  state: DoubleState,
  ex: Exchange,
  match: RouteMatch | undefined,
  url: URL,
): Promise<void> {
  if (ex.req.headers.authorization !== undefined) {
    // Real presigned storage refuses a second auth mechanism; catching it here keeps the API
    // key from ever being sent to another origin.
    if (!(await ex.consumeBody())) return;
    return ex.json(400, { message: 'Authorization header not allowed on presigned URL' });
  }
  if (!match) {
    if (!(await ex.consumeBody())) return;
    return ex.send(404, XML, xmlError('NoSuchKey', 'The specified key does not exist.'));
  }
  const expires = Number(url.searchParams.get('expires') ?? NaN);
  if (!Number.isFinite(expires) || Date.now() > expires) {
    // Answer without reading the body: Node discards what is left of it.
    return ex.send(403, XML, xmlError('AccessDenied', 'Request has expired'));
  }
  if (match.route === 'upload') return receiveUpload(state, ex, match.params[0] ?? '');
  return serveDownload(state, ex, match.params[0] ?? '', Number(match.params[1]));
}

/** Streams an upload through sha256, never holding more than a chunk. */
async function receiveUpload(state: DoubleState, ex: Exchange, key: string): Promise<void> {
  const issued = state.issuedUploads.get(key);
  if (!issued) return ex.send(403, XML, xmlError('AccessDenied', 'Unknown upload URL'));
  const hash = createHash('sha256');
  const complete = await ex.consumeBody((chunk) => hash.update(chunk));
  if (!complete) return;
  const sha256 = hash.digest('hex');
  state.uploads.set(issued.filePath, { filePath: issued.filePath, bytes: ex.record.bodyBytes, sha256 });
  return ex.send(200, { etag: `"${sha256.slice(0, 32)}"` });
}

async function serveDownload(state: DoubleState, ex: Exchange, projectId: string, n: number): Promise<void> {
  const project = state.projects.get(projectId);
  const servable =
    project?.enabled && n === 0 && currentStatus(project, state.renderMs, Date.now()) === 'complete';
  if (!servable) return ex.send(404, XML, xmlError('NoSuchKey', 'The specified key does not exist.'));

  const output = await openOutput(state.options);
  const headers = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
  const range = parseRange(ex.req.headers.range, output.size);
  if (range === 'unsatisfiable') {
    return ex.send(
      416,
      { ...XML, 'content-range': `bytes */${output.size}` },
      xmlError('InvalidRange', 'The requested range is not satisfiable'),
    );
  }
  const [start, end] = range ?? [0, output.size - 1];
  const body: ResponseBody = { length: end - start + 1, chunks: () => output.read(start, end) };
  if (!range) return ex.send(200, headers, output.size > 0 ? body : undefined);
  return ex.send(206, { ...headers, 'content-range': `bytes ${start}-${end}/${output.size}` }, body);
}

/**
 * Parses a single `bytes=` range (`N-`, `N-M`, `-S`) into inclusive offsets. Undefined means
 * "send everything" (no header, or a form we do not serve, such as several ranges).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(first);
  // `N-M` with M < N is not a valid range: RFC 9110 says to ignore the header.
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return [start, end];
}
