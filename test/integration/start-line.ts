/**
 * The first line `run()` prints. The offline runner shows the page console from here on; what
 * comes before is the workbench starting up, kept in the logs of a failed run.
 */
export const suiteStartLine = 'Magic Hour integration tests, in the extension host';
