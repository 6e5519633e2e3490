/**
 * Child process for the upload memory test: uploads one file to the double with a fresh client
 * and reports its own peak RSS, so the double's memory (in the parent) is not counted.
 *
 * argv: <apiUrl> <filePath>. Reports one JSON message over IPC: { filePath, maxRssKiB } or { error }.
 */
import { MagicHourClient } from '../../../src/api/client';

async function main(): Promise<void> {
  const [apiUrl, file] = process.argv.slice(2);
  if (!apiUrl || !file) throw new Error('usage: upload-child <apiUrl> <filePath>');
  const client = new MagicHourClient({ baseUrl: apiUrl, getToken: async () => 'memory-test-token' });
  const filePath = await client.uploadFile(file, 'video');
  process.send?.({ filePath, maxRssKiB: process.resourceUsage().maxRSS });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.send?.({ error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
