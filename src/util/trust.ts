// Whether atx may start a process that runs code of the repository or of the definition: a
// command step, a `command` criterion, the tests, the build, the project's own compiler, the
// packages' install scripts. One rule for all of them: -t runs them; an interactive run asks the
// person; anything else does not run them and says which flag would.

export const trustFlag = '-t (--trust-all-tools)';

/** The reason recorded when a command was not run because -t was not given and nobody could be asked. */
export const notTrustedReason = `not run: pass ${trustFlag} to allow commands`;

export const declinedReason = `not run: declined (pass ${trustFlag} to allow commands without asking)`;

export interface TrustPolicy {
  /** -t / --trust-all-tools. */
  trustAllTools: boolean;
  /** Asks the person a yes/no question; present in interactive runs only. */
  confirm?: (question: string) => Promise<boolean>;
}

export interface RunRequest {
  /** The command line, as the person would type it. */
  command: string;
  /** Why atx wants to run it, e.g. `to check the exit criterion "Tests pass"`. */
  purpose: string;
}

export type Permission = { granted: true } | { granted: false; reason: string };

// A person who answered about a command is not asked again in the same session.
const answers = new WeakMap<NonNullable<TrustPolicy['confirm']>, Map<string, boolean>>();

/** May `request.command` run under `policy`? Asks the person when the run is interactive and not trusted. */
export async function mayRun(policy: TrustPolicy, request: RunRequest): Promise<Permission> {
  if (policy.trustAllTools) return { granted: true };
  const confirm = policy.confirm;
  if (!confirm) return { granted: false, reason: notTrustedReason };
  let remembered = answers.get(confirm);
  if (!remembered) answers.set(confirm, (remembered = new Map()));
  let yes = remembered.get(request.command);
  if (yes === undefined) {
    yes = await confirm(
      `Run \`${request.command}\` ${request.purpose}? It runs code of the repository or the definition.`,
    );
    remembered.set(request.command, yes);
  }
  return yes ? { granted: true } : { granted: false, reason: declinedReason };
}
