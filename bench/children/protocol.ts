/**
 * What the benchmark parent and its client processes say to each other. Each client (ours, the
 * SDK) runs in its own Node process, so its peak RSS is its own: the parent hosts the double.
 * Kept free of heavy imports: this file is loaded by every child.
 */

/** The job runs a child is asked to do, passed as one JSON argument. */
export interface JobChildArgs {
  apiUrl: string;
  token: string;
  /** The local file every job uploads (image-to-video, so a `.png`). */
  source: string;
  /** How many jobs to start at once. */
  jobs: number;
  /** Where outputs go. Ours: every job saves here. The SDK: job i saves into `<outputDir>/job-<i>`. */
  outputDir: string;
  /** Ours only: the engine's job store folder. */
  storageDir: string;
  /** The plain Node client only: the output to GET (it creates no project). */
  downloadUrl?: string;
}

/** How one job ended. */
export interface JobOutcome {
  ok: boolean;
  projectId?: string;
  outputPath?: string;
  outputBytes?: number;
  /** Epoch ms when the output was on disk (or the job failed). */
  finishedAt: number;
  error?: string;
}

/** What a child reports over IPC when its jobs ended. */
export interface JobChildResult {
  /** Epoch ms just before the first job was started. */
  startedAt: number;
  /** Epoch ms when the last job ended. */
  finishedAt: number;
  /** Peak resident set size of the whole child process, in KiB (`process.resourceUsage().maxRSS`). */
  maxRssKiB: number;
  jobs: JobOutcome[];
}

/** The message a child sends: a result, or why it could not produce one. */
export type ChildMessage = { result: JobChildResult } | { error: string };

/** Reads the child's arguments from argv. */
export function childArgs(): JobChildArgs {
  const raw = process.argv[2];
  if (!raw) throw new Error('usage: <child> <json arguments>');
  return JSON.parse(raw) as JobChildArgs;
}

/** Sends the message to the parent, then exits once it is delivered. */
export function reportAndExit(message: ChildMessage): void {
  const code = 'error' in message ? 1 : 0;
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(message)}\n`);
    process.exit(code);
  }
  process.send(message, () => process.exit(code));
}

/** Runs `main` and reports its result or its error. */
export function runChild(main: () => Promise<JobChildResult>): void {
  main().then(
    (result) => reportAndExit({ result }),
    (error: unknown) =>
      reportAndExit({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}
