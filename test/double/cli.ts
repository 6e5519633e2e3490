/**
 * Runs the Magic Hour double on its own, for the demo and for manual poking:
 *
 *   node out/test/double/cli.js [--port N] [--render-ms N] [--output-bytes N]
 *                               [--output-file PATH] [--credits N] [--download-ttl-ms N]
 *
 * Prints one JSON line, `{"apiUrl":"…","storageUrl":"…"}`, on stdout once both origins listen,
 * and stops cleanly on SIGINT or SIGTERM.
 */
import { startDouble } from './server';
import type { DoubleOptions } from './types';

const USAGE =
  'Usage: cli [--port N] [--render-ms N] [--output-bytes N] [--output-file PATH] [--credits N] [--download-ttl-ms N]';

/** Turns command line flags into double options; throws with a usage line on anything unknown. */
export function parseCliArgs(args: readonly string[]): DoubleOptions {
  const options: DoubleOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    const count = (): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        throw new Error(`${flag} needs a whole number, got '${value}'\n${USAGE}`);
      }
      return n;
    };
    switch (flag) {
      case '--port':
        options.apiPort = count();
        break;
      case '--render-ms':
        options.renderMs = count();
        break;
      case '--output-bytes':
        options.outputBytes = count();
        break;
      case '--output-file':
        options.outputFile = value;
        break;
      case '--credits':
        options.credits = count();
        break;
      case '--download-ttl-ms':
        options.downloadTtlMs = count();
        break;
      default:
        throw new Error(`Unknown flag '${flag}'\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: DoubleOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const double = await startDouble(options);
  process.stdout.write(`${JSON.stringify({ apiUrl: double.apiUrl, storageUrl: double.storageUrl })}\n`);
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // Once both servers are closed nothing is left on the event loop and the process exits 0.
    void double.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
