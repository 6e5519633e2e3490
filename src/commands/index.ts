import type { CommandDeps } from './deps';
import { registerGenerateCommands } from './generate';
import { registerJobInfoCommands } from './job-info';
import { registerJobManageCommands } from './job-manage';
import { registerJobOutputCommands } from './job-output';
import { registerTokenCommands } from './token';
import { registerViewCommands } from './view';

export type { CommandDeps } from './deps';

/** Registers every command; they are disposed with the extension. */
export function registerCommands(deps: CommandDeps): void {
  deps.context.subscriptions.push(
    ...registerGenerateCommands(deps),
    ...registerTokenCommands(deps),
    ...registerViewCommands(deps),
    ...registerJobOutputCommands(deps),
    ...registerJobManageCommands(deps),
    ...registerJobInfoCommands(deps),
  );
}
