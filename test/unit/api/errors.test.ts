import * as assert from 'node:assert/strict';
import { MagicHourError, hintForStatus } from '../../../src/api/errors';
import { fixture, imageToVideoBody, makeClient, rejectsWithMagicHourError, useDouble } from './helpers';

describe('MagicHourError', () => {
  it('reads as the API message followed by the hint', () => {
    const error = new MagicHourError({ kind: 'http', status: 403, apiMessage: 'Forbidden' });
    assert.equal(
      error.message,
      'Forbidden. Your plan does not include this model or resolution: upgrade, or pick another one.',
    );
    assert.equal(error.name, 'MagicHourError');
    assert.equal(error.maybeReceived, false);
    assert.equal(error.retryable, false);
  });

  it('leaves out what the API message already says: only what to do about it', () => {
    const told = new MagicHourError({
      kind: 'http',
      status: 402,
      apiMessage: 'Not enough credits: 300 needed',
    });
    assert.equal(
      told.message,
      'Not enough credits: 300 needed. Buy credits or upgrade your Magic Hour plan.',
    );
    assert.equal(told.hint, 'Buy credits or upgrade your Magic Hour plan.');
    const untold = new MagicHourError({ kind: 'http', status: 402, apiMessage: 'Payment Required' });
    assert.equal(
      untold.message,
      'Payment Required. Not enough credits: buy credits or upgrade your Magic Hour plan.',
    );
  });

  it('falls back to the status when the API sent no message', () => {
    const error = new MagicHourError({ kind: 'http', status: 500 });
    assert.equal(error.message, 'HTTP 500. Magic Hour is having trouble: try again in a few minutes.');
  });

  it('has a hint for every documented status', () => {
    const hints = [400, 401, 402, 403, 404, 422, 429, 500, 502, 503].map(hintForStatus);
    assert.equal(new Set(hints.slice(0, 7)).size, 7, 'each 4xx has its own hint');
    assert.ok(hints.slice(7).every((hint) => hint === hints[7]));
    assert.match(hintForStatus(418), /unexpected status \(418\)/);
  });
});

describe('MagicHourClient error answers', () => {
  const double = useDouble({ renderMs: 200 });

  async function uploadedImage(): Promise<string> {
    return makeClient(double.current).client.uploadFile(fixture('sample.png'), 'image');
  }

  it('maps 401 to "set a new token", with the API message, without retrying', async () => {
    const { client, sleeps } = makeClient(double.current, { getToken: async () => 'bad-token' });
    const error = await rejectsWithMagicHourError(() => client.getProject('abc'));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 401);
    assert.equal(error.apiMessage, 'Unauthorized');
    assert.match(error.hint, /token is invalid or was revoked: set a new one/);
    assert.equal(error.message, `Unauthorized. ${error.hint}`);
    assert.deepEqual(sleeps, []);
    assert.equal(double.current.requests.length, 1);
  });

  it('maps 402 to "buy credits or upgrade", keeping the API message', async () => {
    const filePath = await uploadedImage();
    double.current.configure({ credits: 10 });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.status, 402);
    assert.match(error.apiMessage ?? '', /^Not enough credits/);
    assert.match(error.hint, /buy credits or upgrade/i);
    assert.ok(error.message.startsWith(error.apiMessage!));
    assert.ok(error.message.endsWith(error.hint));
    assert.equal(error.maybeReceived, false);
  });

  it('maps 403 to "your plan does not include this model or resolution"', async () => {
    const filePath = await uploadedImage();
    double.current.fault({
      route: 'image-to-video',
      status: 403,
      body: JSON.stringify({ message: '1080p needs a Pro or Business plan' }),
    });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo({ ...imageToVideoBody(filePath), resolution: '1080p' }),
    );
    assert.equal(error.status, 403);
    assert.equal(error.apiMessage, '1080p needs a Pro or Business plan');
    assert.match(error.hint, /plan does not include this model or resolution/);
  });

  it('maps 422 to "fix the field named in the message", with the API validation message', async () => {
    const filePath = await uploadedImage();
    const { client } = makeClient(double.current);
    // Well-formed for our schema, but Kling 2.5 renders only 5 or 10 seconds: the API judges that.
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo({ ...imageToVideoBody(filePath), model: 'kling-2.5', end_seconds: 7 }),
    );
    assert.equal(error.status, 422);
    assert.match(error.apiMessage ?? '', /end_seconds 7/);
    assert.match(error.hint, /Fix the field named in the message/);
    assert.equal(double.current.projects.size, 0);
  });

  it('maps 400 to "a field is wrong: the message says which"', async () => {
    double.current.fault({ route: 'get-project', status: 400, body: '{"message":"id is malformed"}' });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() => client.getProject('x'));
    assert.equal(error.apiMessage, 'id is malformed');
    assert.match(error.hint, /the message says which/);
  });

  it('reports a missing token as no-token, without sending anything', async () => {
    const { client } = makeClient(double.current, {
      getToken: async () => {
        throw new Error('no token in the secret store');
      },
    });
    const error = await rejectsWithMagicHourError(() => client.getProject('abc'));
    assert.equal(error.kind, 'no-token');
    assert.match(error.message, /No Magic Hour API token is set/);
    assert.equal(double.current.requests.length, 0);
  });
});

describe('MagicHourClient answers that are not what Magic Hour sends', () => {
  const double = useDouble({ renderMs: 100 });

  async function project(): Promise<string> {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    return id;
  }

  it('reports malformed JSON as invalid-response', async () => {
    const id = await project();
    double.current.fault({ route: 'get-project', malformedJson: true });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() => client.getProject(id));
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.status, 200);
    assert.match(error.message, /^The API answered with text that is not valid JSON \(status 200\)\./);
  });

  it('explains an HTML 502 page from a proxy (after retrying it, as for any 5xx on a GET)', async () => {
    const id = await project();
    double.current.fault({
      route: 'get-project',
      status: 502,
      contentType: 'text/html',
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
      times: 5,
    });
    const { client, sleeps } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() => client.getProject(id));
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.status, 502);
    assert.match(
      error.message,
      /^The API answered with an HTML page, not JSON \(status 502\) — a proxy or network problem\?/,
    );
    assert.equal(sleeps.length, 4);
  });

  it('flags an HTML 502 on a create as maybe received, without resending it', async () => {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    double.current.fault({
      route: 'image-to-video',
      status: 502,
      contentType: 'text/html',
      body: '<!DOCTYPE html><p>oops',
    });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.maybeReceived, true);
    assert.equal(double.current.requests.filter((r) => r.route === 'image-to-video').length, 1);
  });

  it('reports JSON of the wrong shape as invalid-response, naming the field', async () => {
    double.current.fault({ route: 'get-project', status: 200, body: '{"id": 42, "status": "complete"}' });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() => client.getProject('abc'));
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /GET \/v1\/video-projects\/… did not have the expected shape \(id: /);
  });

  it('tolerates an unknown status, a missing downloads list, a missing error and extra fields', async () => {
    const body = {
      id: 'p1',
      status: 'upscaling',
      model: 'kling-9.0',
      name: 'x',
      enabled: true,
      brand_new_field: { nested: true },
    };
    double.current.fault({ route: 'get-project', status: 200, body: JSON.stringify(body) });
    const { client } = makeClient(double.current);
    const project = await client.getProject('p1');
    assert.equal(project.status, 'upscaling');
    assert.deepEqual(project.downloads, []);
    assert.equal(project.error, null);
    assert.equal((project as Record<string, unknown>)['model'], 'kling-9.0');
    assert.deepEqual((project as Record<string, unknown>)['brand_new_field'], { nested: true });
  });

  it('reads an unknown status forced on a real project, and a render error with its code', async () => {
    const id = await project();
    const { client } = makeClient(double.current);
    double.current.setProjectStatus(id, 'archived-v2');
    assert.equal((await client.getProject(id)).status, 'archived-v2');
    double.current.setProjectStatus(id, 'error', { code: 'nsfw', message: 'The image was rejected.' });
    const failed = await client.getProject(id);
    assert.equal(failed.status, 'error');
    assert.deepEqual(failed.error, { code: 'nsfw', message: 'The image was rejected.' });
  });
});
