/**
 * The local Magic Hour double: two real HTTP servers on 127.0.0.1 (the API and the presigned
 * storage origin) sharing one in-memory state. See types.ts for the surface it offers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleApiRequest, matchApiRoute } from './api-routes';
import { Exchange } from './exchange';
import { DoubleState } from './state';
import { handleStorageRequest, matchStorageRoute } from './storage-routes';
import type { DoubleOptions, MagicHourDouble, RecordedRequest } from './types';

export type { DoubleOptions, MagicHourDouble } from './types';
export { generatedOutputChunks, generatedOutputSha256 } from './output-source';

type Origin = RecordedRequest['origin'];

/** Starts both origins on random ports (the API on `apiPort` when given) and resolves once they listen. */
export async function startDouble(options: DoubleOptions = {}): Promise<MagicHourDouble> {
  const state = new DoubleState(options);
  const sockets = new Set<Socket>();
  const api = createOriginServer(state, 'api', sockets);
  const storage = createOriginServer(state, 'storage', sockets);
  try {
    state.apiUrl = `http://127.0.0.1:${await listen(api, options.apiPort ?? 0)}`;
    state.storageUrl = `http://127.0.0.1:${await listen(storage, 0)}`;
  } catch (error) {
    await stopServers(state, [api, storage], sockets);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    apiUrl: state.apiUrl,
    storageUrl: state.storageUrl,
    requests: state.requests,
    projects: state.projects,
    uploads: state.uploads,
    get creditBalance() {
      return state.creditBalance;
    },
    fault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    // Empty the array in place: tests may hold a reference to `requests`.
    clearRequests: () => void state.requests.splice(0),
    setProjectStatus: (id, status, error) => {
      const project = state.projects.get(id);
      if (!project) throw new Error(`The double has no project ${id}`);
      project.forced = error ? { status, error } : { status };
      // Magic Hour refunds failed renders, and canceling in the dashboard refunds too.
      if (status === 'error' || status === 'canceled') state.refund(project);
    },
    configure: (changes) => state.configure(changes),
    close: () => (closing ??= stopServers(state, [api, storage], sockets)),
  };
}

function createOriginServer(state: DoubleState, origin: Origin, sockets: Set<Socket>): Server {
  // No request timeout: a benchmark may push a 1 GiB upload through a throttled client.
  const server = createServer({ requestTimeout: 0 }, (req, res) => {
    dispatch(state, origin, req, res).catch((error: unknown) => answerInternalError(res, error));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return server;
}

/** Records the request, takes its fault, and hands it to the origin's routes. */
async function dispatch(
  state: DoubleState,
  origin: Origin,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const match =
    origin === 'api' ? matchApiRoute(method, url.pathname) : matchStorageRoute(method, url.pathname);
  const record: RecordedRequest = {
    route: match?.route ?? 'unknown',
    method,
    url: req.url ?? '/',
    origin,
    headers: { ...req.headers },
    bodyBytes: 0,
    at: Date.now(),
  };
  state.requests.push(record);
  let fault = match ? state.faults.take(match.route) : undefined;
  if (match && !fault) {
    const random = state.randomFaults?.draw(match.route);
    if (random) [fault, record.randomFault] = [random.fault, random.label];
  }
  const ex = new Exchange(req, res, record, fault, state.timers);

  if (fault?.reset === 'before-request-body') {
    await ex.pause();
    return ex.cut();
  }
  if (fault?.status !== undefined) {
    // A scripted status replaces the real answer and its side effects: like a 502 from a
    // gateway, the request never reached the service.
    if (!(await ex.consumeBody())) return;
    return ex.sendFaultAnswer();
  }
  if (origin === 'api') return handleApiRequest(state, ex, match);
  return handleStorageRequest(state, ex, match, url);
}

function answerInternalError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = `Magic Hour double failed: ${error instanceof Error ? error.message : String(error)}`;
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('No TCP address'));
      else resolve(address.port);
    });
  });
}

/** Stops listening, destroys every open socket (stalled downloads included) and clears timers. */
async function stopServers(state: DoubleState, servers: Server[], sockets: Set<Socket>): Promise<void> {
  state.timers.clear();
  const closed = servers.map(
    (server) =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  );
  for (const server of servers) server.closeAllConnections();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(closed);
}
