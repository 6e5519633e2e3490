/**
 * `npm run demo`: try the extension without a Magic Hour account. Starts the sandbox and VS Code
 * (see demo.ts), prints what to open and what to type, and runs until Ctrl+C.
 *
 *   npm run demo                     code-server on a free port of 127.0.0.1
 *   npm run demo -- --port 8080      on a port of your choice
 *   npm run demo -- --desktop        in a desktop VS Code (`code` on the PATH)
 */
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { shutdown } from '../harness/processes';
import { startDemo, startDesktopDemo } from './demo';

const USAGE = 'Usage: npm run demo [-- --port N | --desktop]';

interface Args {
  port?: number;
  desktop: boolean;
}

/** Parses the command line; throws with the usage line on anything it does not know. */
export function parseDemoArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { desktop: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--desktop') args.desktop = true;
    else if (flag === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`--port needs a port number (1-65535)\n${USAGE}`);
      }
      args.port = port;
    } else throw new Error(`Unknown argument '${flag}'\n${USAGE}`);
  }
  if (args.desktop && args.port !== undefined)
    throw new Error(`--port is for the browser demo only\n${USAGE}`);
  return args;
}

/** Set by the first Ctrl+C. */
let interrupted = false;

function log(line: string): void {
  console.log(`[demo] ${line}`);
}

/** The workspace folder as the user would type it: relative to the repository when inside it. */
function shown(folder: string): string {
  const relative = path.relative(repoRoot, folder);
  return relative && !relative.startsWith('..') ? `${relative}/` : folder;
}

function banner(lines: string[]): string {
  const rule = '─'.repeat(72);
  return ['', rule, ...lines.map((line) => (line ? `  ${line}` : '')), rule, ''].join('\n');
}

async function main(): Promise<number> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  // Ctrl+C is handled by the harness once it runs something (it stops every process it started,
  // then exits). This listener stops a second Ctrl+C from killing Node halfway through that, and
  // handles a Ctrl+C that comes before the harness is listening.
  process.on('SIGINT', () => {
    if (interrupted) return console.log('[demo] still stopping…');
    interrupted = true;
    const harnessListening = process.listenerCount('SIGINT') > 1;
    if (!harnessListening) void shutdown().finally(() => process.exit(130));
  });

  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const tryIt = [
    'Try it:  right-click sample.png in the Explorer → Magic Hour: Image to Video…',
    '         or sample.mp4 → Magic Hour: Video to Video…; fill the form, Generate video.',
  ];

  if (args.desktop) {
    const demo = await startDesktopDemo({ log });
    process.on('exit', () => console.log(`[demo] stopped; the clips stay in ${shown(demo.workspace)}`));
    console.log(
      banner([
        `Magic Hour demo: VS Code is open on ${shown(demo.workspace)} (ready in ${seconds()} s).`,
        '',
        ...tryIt,
        ...sandboxLines(demo),
        '',
        'Close the VS Code window, or press Ctrl+C, to stop the sandbox.',
      ]),
    );
    await demo.closed;
    log('the VS Code window was closed: stopping the sandbox');
    await demo.stop();
    return 0;
  }

  const demo = await startDemo({ port: args.port, log });
  process.on('exit', () => console.log(`[demo] stopped; the clips stay in ${shown(demo.workspace)}`));
  console.log(
    banner([
      `Magic Hour demo is ready (${seconds()} s). Open this URL in your browser:`,
      '',
      `  ${demo.url}`,
      '',
      ...tryIt,
      ...sandboxLines(demo),
      '',
      'Ctrl+C to stop.',
    ]),
  );
  // Runs until Ctrl+C: the harness's SIGINT handler stops code-server and the sandbox, then exits.
  return new Promise<number>(() => undefined);
}

/** The banner's lines about the token, the clips and the sandbox, the same for both editors. */
function sandboxLines(demo: { token: string; workspace: string; sandboxUrl: string }): string[] {
  return [
    `Token:   when asked for an API token, type  ${demo.token}`,
    '         (the sandbox accepts any token and charges nothing).',
    `Clips:   saved beside their source in ${shown(demo.workspace)}; they stay after you stop.`,
    `Sandbox: a local Magic Hour double at ${demo.sandboxUrl}; it renders in about 4 s.`,
  ];
}

if (require.main === module) {
  main()
    .catch((error: unknown) => {
      // A Ctrl+C while starting also stops the build or install in progress: that is no error.
      if (interrupted) return 130;
      console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    })
    .then(async (code) => {
      await shutdown();
      process.exit(code);
    });
}
