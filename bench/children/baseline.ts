/**
 * Reports the peak RSS of a Node process that loads nothing: the floor under both clients'
 * figures.
 */
import { runChild } from './protocol';

runChild(async () => {
  const now = Date.now();
  return { startedAt: now, finishedAt: now, maxRssKiB: process.resourceUsage().maxRSS, jobs: [] };
});
