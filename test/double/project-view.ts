import type { DoubleState, StoredProject } from './state';

/** Share of `renderMs` a new project spends `queued` before it turns `rendering`. */
const QUEUED_SHARE = 0.2;

/** The project's status now: the forced one if set, else derived from the time since create. */
export function currentStatus(project: StoredProject, renderMs: number, now: number): string {
  if (project.forced) return project.forced.status;
  const elapsed = now - project.createdAt;
  if (elapsed < renderMs * QUEUED_SHARE) return 'queued';
  if (elapsed < renderMs) return 'rendering';
  return 'complete';
}

/** The download URL of output `n`, valid until `expiresAt` (ms since epoch). */
export function downloadUrl(state: DoubleState, projectId: string, n: number, expiresAt: number): string {
  return `${state.storageUrl}/download/${encodeURIComponent(projectId)}/${n}?expires=${expiresAt}`;
}

/**
 * The `GET /v1/video-projects/:id` answer. Download URLs get a fresh expiry on every call, as the
 * real API signs them per request.
 */
export function projectJson(
  state: DoubleState,
  project: StoredProject,
  now: number,
): Record<string, unknown> {
  const status = currentStatus(project, state.renderMs, now);
  const expiresAt = now + state.downloadTtlMs;
  const downloads =
    status === 'complete'
      ? [{ url: downloadUrl(state, project.id, 0, expiresAt), expires_at: new Date(expiresAt).toISOString() }]
      : [];
  const error =
    status === 'error'
      ? (project.forced?.error ?? { code: 'render_failed', message: 'The video could not be rendered.' })
      : null;
  const { shape } = project;
  return {
    id: project.id,
    name: project.name,
    type: project.type,
    status,
    created_at: new Date(project.createdAt).toISOString(),
    credits_charged: project.creditsCharged,
    total_frame_cost: project.creditsCharged,
    enabled: project.enabled,
    start_seconds: shape.startSeconds,
    end_seconds: shape.endSeconds,
    fps: shape.fps,
    width: shape.width,
    height: shape.height,
    error,
    downloads,
    download: downloads[0] ?? null,
  };
}
