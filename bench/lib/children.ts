/** Starting the client processes and curl, and collecting what they report. */
import { execFile, fork } from 'node:child_process';
import * as path from 'node:path';
import type { ChildMessage, JobChildArgs, JobChildResult } from '../children/protocol';

export type ClientName = 'ours' | 'sdk';

/** Compiled children live beside this file's folder: out/bench/children/<name>.js. */
const childrenDir = path.join(__dirname, '..', 'children');

/**
 * Runs one client process to the end and returns its report. Its stdout is dropped (the SDK
 * logs every poll at info level, as it does for its users); stderr is kept for errors.
 */
export function runClient(
  client: ClientName | 'plain-node' | 'baseline',
  args: JobChildArgs,
): Promise<JobChildResult> {
  const env = { ...process.env };
  // generate() reads its poll interval from here: the comparison is with its default, 0.5 s.
  delete env.MAGIC_HOUR_POLL_INTERVAL;
  const child = fork(path.join(childrenDir, `${client}.js`), [JSON.stringify(args)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
    env,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let message: ChildMessage | undefined;
    child.on('message', (m) => (message = m as ChildMessage));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (message && 'result' in message) return resolve(message.result);
      const why = message && 'error' in message ? message.error : `exit ${code ?? signal}`;
      reject(new Error(`the ${client} client failed: ${why}${stderr ? `\n${stderr}` : ''}`));
    });
  });
}

/** Runs a command to the end; rejects with its stderr when it fails. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
