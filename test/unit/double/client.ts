/** Small HTTP helpers for the double's own tests (plain fetch: the double is what is under test). */
import type { MagicHourDouble } from '../../double/types';

export const AUTH = { authorization: 'Bearer test-key' };

/** An input the double accepts without an upload: it never fetches https URLs. */
export const REMOTE_IMAGE = 'https://example.com/cat.png';

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Calls the API with the test key and a JSON body; parses the answer when it is JSON. */
export async function callApi(
  double: MagicHourDouble,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<JsonAnswer> {
  const response = await fetch(`${double.apiUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The `message` of an error answer. */
export function messageOf(answer: JsonAnswer): string {
  const body = answer.body as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : '';
}

/** Asks for one upload URL. */
export async function uploadUrl(
  double: MagicHourDouble,
  type: string,
  extension: string,
): Promise<{ upload_url: string; file_path: string; expires_at: string }> {
  const answer = await callApi(double, 'POST', '/v1/files/upload-urls', { items: [{ type, extension }] });
  if (answer.status !== 200) throw new Error(`upload-urls answered ${answer.status}: ${answer.text}`);
  const items = (answer.body as { items: { upload_url: string; file_path: string; expires_at: string }[] })
    .items;
  const item = items[0];
  if (!item) throw new Error('upload-urls gave no item');
  return item;
}

/** Uploads `bytes` the way the extension does and returns the `file_path` to create with. */
export async function upload(
  double: MagicHourDouble,
  type: string,
  extension: string,
  bytes: Buffer,
): Promise<string> {
  const item = await uploadUrl(double, type, extension);
  const response = await fetch(item.upload_url, { method: 'PUT', body: bytes });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`upload answered ${response.status}`);
  return item.file_path;
}

/** A valid image-to-video body on a remote image, with overrides. */
export function imageToVideoBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { assets: { image_file_path: REMOTE_IMAGE }, end_seconds: 5, ...overrides };
}

/** A valid video-to-video body on a remote video, with overrides. */
export function videoToVideoBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    assets: { video_source: 'file', video_file_path: 'https://example.com/clip.mp4' },
    start_seconds: 0,
    end_seconds: 4,
    style: { art_style: 'Studio Ghibli' },
    ...overrides,
  };
}

/** Creates an image-to-video project and returns its id. */
export async function createProject(
  double: MagicHourDouble,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const answer = await callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody(overrides));
  if (answer.status !== 200) throw new Error(`create answered ${answer.status}: ${answer.text}`);
  return (answer.body as { id: string }).id;
}

/** The project's first download URL (forces `complete` so the test does not wait). */
export async function downloadUrlOf(double: MagicHourDouble, id: string): Promise<string> {
  double.setProjectStatus(id, 'complete');
  const answer = await callApi(double, 'GET', `/v1/video-projects/${id}`);
  const url = (answer.body as { downloads: { url: string }[] }).downloads[0]?.url;
  if (!url) throw new Error(`no download URL: ${answer.text}`);
  return url;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error code behind a failed fetch (fetch wraps socket errors in `cause`). */
export function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code ?? String(error);
}
