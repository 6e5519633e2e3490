import type * as vscode from 'vscode';
import type { JobRecord } from '../engine/job';
import type { JobDetails } from '../ui/job-details';
import type { Log } from '../ui/log';
import type { Services } from '../ui/services';
import type { TokenService } from '../ui/token';

/** What the commands work with. */
export interface CommandDeps {
  context: vscode.ExtensionContext;
  services: Services;
  tokens: TokenService;
  log: Log;
  details: JobDetails;
  /** Opens the preview of a finished job. */
  preview(job: JobRecord): void;
}
