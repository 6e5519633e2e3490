import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Timers } from './timers';
import type { Fault, RecordedRequest } from './types';

/** A response body that is sent in chunks, so a 1 GiB output never sits in memory. */
export interface ResponseBody {
  length: number;
  chunks(): AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** A body held in one buffer (JSON and XML answers). */
export function bufferBody(buffer: Buffer): ResponseBody {
  return { length: buffer.length, chunks: () => [buffer] };
}

/** What reading a request body gave: the bytes, a body over the limit, or a client that went away. */
export type ReadBody = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * One request and its answer. Every answer goes through `send`, which is where a scripted fault
 * (delay, extra headers, malformed JSON, cut connection, stall) is applied, and where the
 * recorded status is set.
 */
export class Exchange {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly record: RecordedRequest,
    readonly fault: Fault | undefined,
    private readonly timers: Timers,
  ) {
    // A client that goes away mid-answer is a normal event here, not a crash.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
  }

  /** Reads the request body, keeping at most `limit` bytes (the rest is counted and dropped). */
  async readBody(limit: number): Promise<ReadBody> {
    const kept: Buffer[] = [];
    let tooLarge = false;
    const complete = await this.consumeBody((chunk) => {
      if (tooLarge || this.record.bodyBytes > limit) {
        tooLarge = true;
        kept.length = 0;
      } else {
        kept.push(chunk);
      }
    });
    if (!complete) return { kind: 'aborted' };
    if (tooLarge) return { kind: 'too-large' };
    return { kind: 'ok', bytes: Buffer.concat(kept) };
  }

  /**
   * Streams the request body through `onChunk`, counting bytes into the record. False when the
   * client went away before the body was complete.
   */
  async consumeBody(onChunk: (chunk: Buffer) => void = () => undefined): Promise<boolean> {
    try {
      for await (const chunk of this.req as AsyncIterable<Buffer>) {
        this.record.bodyBytes += chunk.length;
        onChunk(chunk);
      }
    } catch {
      return false;
    }
    return this.req.complete;
  }

  /** Waits for the fault's `delayMs`, if any. */
  async pause(): Promise<void> {
    const ms = this.fault?.delayMs ?? 0;
    if (ms > 0) await this.timers.sleep(ms);
  }

  /** Resets the connection without answering: the client sees ECONNRESET. */
  cut(): void {
    this.record.status = undefined;
    const socket = this.req.socket;
    if (!socket.destroyed) socket.resetAndDestroy();
  }

  /** Answers with JSON (or, under a `malformedJson` fault, with the first half of it). */
  json(status: number, payload: unknown, headers: OutgoingHttpHeaders = {}): Promise<void> {
    let text = JSON.stringify(payload);
    // Any strict prefix of a JSON object is invalid JSON, and still looks like the real answer.
    if (this.fault?.malformedJson) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    const type = { 'content-type': 'application/json; charset=utf-8' };
    return this.send(status, { ...type, ...headers }, bufferBody(Buffer.from(text)));
  }

  /** Answers with the fault's own status and body instead of the real answer. */
  sendFaultAnswer(): Promise<void> {
    const fault = this.fault;
    if (fault?.status === undefined) throw new Error('sendFaultAnswer needs a fault with a status');
    if (fault.body === undefined) {
      return this.json(fault.status, { message: STATUS_CODES[fault.status] ?? 'Error' });
    }
    const type = { 'content-type': fault.contentType ?? 'application/json' };
    return this.send(fault.status, type, bufferBody(Buffer.from(fault.body)));
  }

  /**
   * Sends the head and streams the body with backpressure, applying the fault: delay first,
   * then a cut instead of the answer, or an extra header, or a body cut or stalled part way.
   */
  async send(status: number, headers: OutgoingHttpHeaders, body?: ResponseBody): Promise<void> {
    const fault = this.fault;
    await this.pause();
    if (fault?.reset === 'after-request-body') return this.cut();
    if (this.res.destroyed) return;

    const noBody = this.req.method === 'HEAD' || status === 204 || status === 304;
    const length = body?.length ?? 0;
    const head: OutgoingHttpHeaders = { ...headers, ...fault?.headers };
    if (status !== 204 && status !== 304) head['content-length'] = String(length);
    this.res.writeHead(status, head);
    this.record.status = status;
    if (noBody || !body) {
      this.res.end();
      return;
    }

    const cutMidway = fault?.reset === 'mid-response-body';
    const stallAfter = fault?.stallAfterBytes;
    let limit = cutMidway ? Math.floor(length / 2) : length;
    if (stallAfter !== undefined) limit = Math.min(limit, stallAfter);
    await this.writeUpTo(body, limit);

    if (cutMidway) {
      // end() sends FIN after what was written, so the client surely gets the head and the
      // first half, then a body shorter than its Content-Length.
      this.res.socket?.end();
      return;
    }
    // A stall leaves the response open on purpose; close() destroys the socket.
    if (stallAfter !== undefined) return;
    this.res.end();
  }

  private async writeUpTo(body: ResponseBody, limit: number): Promise<void> {
    let sent = 0;
    if (limit <= 0) return;
    for await (const chunk of body.chunks()) {
      const piece = chunk.length > limit - sent ? chunk.subarray(0, limit - sent) : chunk;
      sent += piece.length;
      if (!this.res.write(piece)) await this.drainOrClose();
      if (this.res.destroyed || sent >= limit) break;
    }
  }

  private drainOrClose(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}

/** An S3-style XML error body, as the storage origin answers. */
export function xmlError(code: string, message: string): ResponseBody {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return bufferBody(Buffer.from(xml));
}
