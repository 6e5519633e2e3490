/** What the in-editor suite (suite.ts) measures and writes for the parent (launch.ts). */

/** The environment variable naming the JSON file the suite writes its figures to. */
export const EDITOR_RESULTS_ENV = 'MAGIC_HOUR_BENCH_EDITOR_OUT';

/** Set (to anything) for the profiling launch: activate() runs under the CPU profiler. */
export const PROFILE_ENV = 'MAGIC_HOUR_BENCH_PROFILE';

/** How many jobs the tree is filled with. */
export const TREE_JOBS = 1000;

export interface EditorFigures {
  /** VS Code's version, as the extension host reports it. */
  vscodeVersion: string;
  activation?: {
    /** The extension host's marks around require() of dist/extension.js. */
    codeLoadMs: number;
    /** The extension host's marks around activate(): from the call until it returned. */
    activateMs: number;
    /** True when VS Code activated it at startup (onStartupFinished), not our call. */
    startup: boolean;
  };
  tree: {
    jobs: number;
    /** The extension alone: rebuild every node, then getChildren and getTreeItem for all. */
    providerMs: number[];
    /** A full refresh until the workbench had fetched every one of the 1,000 items. */
    refreshToFetchedMs: number[];
    /** The part of it until VS Code asked the extension for the children (a round trip to the workbench). */
    refreshToRequestedMs: number[];
    /** The same refresh without rebuilding the nodes first. */
    sameNodesMs: number[];
    /** The same refresh with the nodes' fields but not their Markdown tooltips. */
    withoutTooltipsMs: number[];
    /** The same refresh with 1,000 plain items (label and id only): VS Code's own share. */
    plainItemsMs: number[];
  };
  /** The profiling launch only: where activate()'s time went. */
  activationProfile?: ActivationProfile;
  /** Why something could not be measured. */
  notes: string[];
}

/** A CPU profile of one activate() call (sampled every 50 µs), summed by function. */
export interface ActivationProfile {
  /** Time from the call to its return, by the profile. */
  totalMs: number;
  /** What activate() called, six levels deep, with the time inside each (callees included). */
  calls: ProfileCall[];
  /** The functions that used the most time themselves, anywhere below activate(). */
  selfTime: { name: string; ms: number }[];
}

export interface ProfileCall {
  name: string;
  ms: number;
  calls: ProfileCall[];
}
