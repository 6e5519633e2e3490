/**
 * The plainest Node client for the same PUT and GET: undici streaming the file up, and streaming
 * the output into a file, with nothing else around it. It shows how much of the gap to curl is
 * Node's own and how much is the engine's.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { childArgs, runChild, type JobChildResult } from './protocol';

runChild(async (): Promise<JobChildResult> => {
  const args = childArgs();
  if (!args.downloadUrl) throw new Error('the plain Node client needs a downloadUrl');
  const startedAt = Date.now();
  const answer = await request(`${args.apiUrl}/v1/files/upload-urls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ type: 'image', extension: 'png' }] }),
  });
  const { items } = (await answer.body.json()) as { items: { upload_url: string }[] };
  const { size } = await fs.stat(args.source);
  const put = await request(items[0]!.upload_url, {
    method: 'PUT',
    headers: { 'content-length': String(size) },
    body: createReadStream(args.source),
  });
  await put.body.dump();
  if (put.statusCode !== 200) throw new Error(`PUT answered ${put.statusCode}`);

  await fs.mkdir(args.outputDir, { recursive: true });
  const outputPath = path.join(args.outputDir, 'output.mp4');
  const get = await request(args.downloadUrl);
  if (get.statusCode !== 200) throw new Error(`GET answered ${get.statusCode}`);
  await pipeline(get.body, createWriteStream(outputPath));
  const finishedAt = Date.now();
  const outputBytes = (await fs.stat(outputPath)).size;
  return {
    startedAt,
    finishedAt,
    maxRssKiB: process.resourceUsage().maxRSS,
    jobs: [{ ok: true, outputPath, outputBytes, finishedAt }],
  };
});
