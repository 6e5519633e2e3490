import { randomBytes } from 'node:crypto';
import { ApiRejection } from './body-fields';
import type { Exchange } from './exchange';
import {
  imageToVideoCredits,
  imageToVideoShape,
  videoToVideoCredits,
  videoToVideoShape,
  type RenderShape,
} from './pricing';
import { projectJson } from './project-view';
import type { DoubleState, StoredProject } from './state';
import type { DoubleProject, RouteName } from './types';
import { validateImageToVideo, validateUploadUrls, validateVideoToVideo } from './validation';

/** A request matched to a named route, with its path parameters. */
export interface RouteMatch {
  route: RouteName;
  params: string[];
}

/** JSON bodies are small; anything bigger is a client bug worth a clear 413. */
const MAX_JSON_BODY_BYTES = 1024 * 1024;

const NOT_FOUND = { message: 'Not Found' };

/** Names the API route for a method and path, or undefined. */
export function matchApiRoute(method: string, pathname: string): RouteMatch | undefined {
  if (method === 'POST' && pathname === '/v1/files/upload-urls') return { route: 'upload-urls', params: [] };
  if (method === 'POST' && pathname === '/v1/image-to-video') return { route: 'image-to-video', params: [] };
  if (method === 'POST' && pathname === '/v1/video-to-video') return { route: 'video-to-video', params: [] };
  const project = /^\/v1\/video-projects\/([^/]+)$/.exec(pathname);
  if (project?.[1] !== undefined) {
    const id = safeDecode(project[1]);
    if (method === 'GET') return { route: 'get-project', params: [id] };
    if (method === 'DELETE') return { route: 'delete-project', params: [id] };
  }
  return undefined;
}

/** decodeURIComponent that keeps a malformed segment as it is instead of throwing. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A cuid-like id: lower-case letters and digits, starting with a letter. */
export function newId(): string {
  return `c${randomBytes(12).toString('hex')}`;
}

/** Answers one API request: bearer check, then the route. */
export async function handleApiRequest(
  state: DoubleState,
  ex: Exchange,
  match: RouteMatch | undefined,
): Promise<void> {
  const bearer = /^Bearer\s+(.+)$/i.exec(ex.req.headers.authorization ?? '');
  const token = bearer?.[1]?.trim() ?? '';
  if (!token || !state.acceptsToken(token)) {
    if (!(await ex.consumeBody())) return;
    return ex.json(401, { message: 'Unauthorized' });
  }
  if (!match) {
    if (!(await ex.consumeBody())) return;
    return ex.json(404, NOT_FOUND);
  }
  switch (match.route) {
    case 'upload-urls':
      return withJsonBody(ex, (body) => createUploadUrls(state, body));
    case 'image-to-video':
      return withJsonBody(ex, (body) => {
        const request = validateImageToVideo(body, (path) => state.assetExists(path));
        const name = request.name ?? `Image To Video - ${new Date().toISOString()}`;
        return createProject(
          state,
          'IMAGE_TO_VIDEO',
          name,
          body,
          imageToVideoCredits(request),
          imageToVideoShape(request),
        );
      });
    case 'video-to-video':
      return withJsonBody(ex, (body) => {
        const request = validateVideoToVideo(body, (path) => state.assetExists(path));
        const name = request.name ?? `Video To Video - ${new Date().toISOString()}`;
        return createProject(
          state,
          'VIDEO_TO_VIDEO',
          name,
          body,
          videoToVideoCredits(request),
          videoToVideoShape(request),
        );
      });
    case 'get-project': {
      if (!(await ex.consumeBody())) return;
      const project = liveProject(state, match.params[0]);
      if (!project) return ex.json(404, NOT_FOUND);
      return ex.json(200, projectJson(state, project, Date.now()));
    }
    case 'delete-project': {
      if (!(await ex.consumeBody())) return;
      const project = liveProject(state, match.params[0]);
      if (!project) return ex.json(404, NOT_FOUND);
      project.enabled = false;
      // The SDK types DELETE's success as null (no body), so answer 204 No Content.
      return ex.send(204, {});
    }
    default:
      return ex.json(404, NOT_FOUND);
  }
}

function liveProject(state: DoubleState, id: string | undefined): StoredProject | undefined {
  const project = id === undefined ? undefined : state.projects.get(id);
  return project?.enabled ? project : undefined;
}

/**
 * Reads a JSON body, runs the route and sends its answer (or the 4xx it threw). The route runs
 * before any fault that cuts the connection, so a create under `after-request-body` is real.
 */
async function withJsonBody(
  ex: Exchange,
  route: (body: unknown) => { status: number; payload: unknown },
): Promise<void> {
  const read = await ex.readBody(MAX_JSON_BODY_BYTES);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') return ex.json(413, { message: 'Request body is too large' });
  let body: unknown;
  if (read.bytes.length > 0) {
    try {
      body = JSON.parse(read.bytes.toString('utf8'));
    } catch {
      return ex.json(400, { message: 'Request body is not valid JSON' });
    }
    ex.record.body = body;
  }
  let answer: { status: number; payload: unknown };
  try {
    answer = route(body);
  } catch (error) {
    if (error instanceof ApiRejection) return ex.json(error.status, { message: error.message });
    throw error;
  }
  return ex.json(answer.status, answer.payload);
}

function createUploadUrls(state: DoubleState, body: unknown): { status: number; payload: unknown } {
  const items = validateUploadUrls(body);
  const expiresAt = Date.now() + state.uploadTtlMs;
  return {
    status: 200,
    payload: {
      items: items.map((item) => {
        const key = `${newId()}/${randomBytes(6).toString('hex')}.${item.extension}`;
        const filePath = `api-assets/${key}`;
        state.issuedUploads.set(key, { key, filePath, type: item.type });
        return {
          upload_url: `${state.storageUrl}/upload/${key}?expires=${expiresAt}`,
          file_path: filePath,
          expires_at: new Date(expiresAt).toISOString(),
        };
      }),
    },
  };
}

function createProject(
  state: DoubleState,
  type: DoubleProject['type'],
  name: string,
  request: unknown,
  credits: number,
  shape: RenderShape,
): { status: number; payload: unknown } {
  if (credits > state.creditBalance) {
    throw new ApiRejection(
      402,
      `Not enough credits: this video needs ${credits} credits and the account has ${state.creditBalance}. Buy more credits or make a shorter video.`,
    );
  }
  state.creditBalance -= credits;
  const id = newId();
  state.projects.set(id, {
    id,
    type,
    name,
    createdAt: Date.now(),
    request,
    creditsCharged: credits,
    enabled: true,
    shape,
  });
  return { status: 200, payload: { id, credits_charged: credits, estimated_frame_cost: credits } };
}
