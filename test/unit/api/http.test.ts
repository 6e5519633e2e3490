import * as assert from 'node:assert/strict';
import { errorCode, parseJsonBody, redactUrl, transportError } from '../../../src/api/http';

/** An error shaped like the ones Node and undici throw. */
function coded(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${code} happened`), { code }, extra);
}

describe('transport failure classification', () => {
  const api = { idempotent: true, host: 'api.example' };
  const create = { idempotent: false, host: 'api.example' };

  it('treats connect-phase failures as safe to retry, even for a create', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']) {
      const error = transportError(coded(code), create);
      assert.equal(error?.retryable, true, code);
      assert.equal(error?.maybeReceived, false, code);
    }
    assert.equal(transportError(coded('UND_ERR_CONNECT_TIMEOUT'), create)?.kind, 'timeout');
  });

  it('treats a reset or a timeout after connecting as "maybe received" for a create', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) {
      const error = transportError(coded(code), create);
      assert.equal(error?.retryable, false, code);
      assert.equal(error?.maybeReceived, true, code);
      assert.equal(transportError(coded(code), api)?.retryable, true, code);
    }
    assert.equal(transportError(coded('UND_ERR_BODY_TIMEOUT'), api)?.kind, 'timeout');
  });

  it('does not retry certificate failures', () => {
    const error = transportError(coded('CERT_HAS_EXPIRED'), api);
    assert.equal(error?.kind, 'network');
    assert.equal(error?.retryable, false);
    assert.match(error?.message ?? '', /proxy or firewall/);
  });

  it('leaves file-system errors and bugs alone (rethrown as they are)', () => {
    assert.equal(transportError(coded('ENOENT', { path: '/tmp/x.mp4', syscall: 'open' }), api), undefined);
    assert.equal(transportError(coded('UND_ERR_INVALID_ARG'), api), undefined);
    assert.equal(transportError(new TypeError('oops'), api), undefined);
  });

  it('maps an abort to "aborted" whatever the error says', () => {
    const error = transportError(coded('ECONNRESET'), { ...api, signal: AbortSignal.abort() });
    assert.equal(error?.kind, 'aborted');
  });

  it('finds the code inside an AggregateError (happy eyeballs) or a cause', () => {
    assert.equal(
      errorCode(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])),
      'ECONNREFUSED',
    );
    assert.equal(errorCode(new Error('wrapped', { cause: coded('ENOTFOUND') })), 'ENOTFOUND');
  });
});

describe('response body helpers', () => {
  it('reads an empty body as undefined, and explains HTML and broken JSON', () => {
    assert.deepEqual(parseJsonBody('  ', 204, undefined), { ok: true, value: undefined });
    assert.deepEqual(parseJsonBody('{"a":1}', 200, 'application/json'), { ok: true, value: { a: 1 } });
    const html = parseJsonBody('<!DOCTYPE html><html></html>', 502, undefined);
    assert.equal(html.ok, false);
    const broken = parseJsonBody('{"a":', 200, 'application/json');
    assert.equal(broken.ok, false);
  });

  it('drops the query string (a presigned signature) from URLs it logs', () => {
    const url = new URL('https://storage.example/upload/abc/x.png?X-Amz-Signature=secret&expires=1');
    assert.equal(redactUrl(url), 'storage.example/upload/abc/x.png');
  });
});
