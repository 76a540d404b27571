// Groups of client values that reach each other (union-find over keys such as `file\0s3`), what
// services they hold and the uses that keep them on v2; and what the decision means for one file.
import type { Finding } from '../types.js';
import type { Converts } from './calls.js';
import type { FileContext } from './context.js';
import type { ServiceInfo } from './services.js';

/** A use that does not convert, and so keeps its group on v2. */
export interface Blocker {
  file: string;
  line: number;
  /** The code of the use, shortened. */
  text: string;
  rule: string;
  why: string;
}

export interface Group {
  /** The service of its clients; `mixed` when they are of several. */
  service?: ServiceInfo | 'mixed';
  blockers: Blocker[];
}

/** A member of a group (a value, a declaration, a member name); union-find over these objects. */
export class Ref {
  parent: Ref = this;
  /** Only at a root, made when first asked for. */
  group: Group | undefined;
  /** Its occurrences are being followed. */
  followed = false;
  /** Declared with a v2 client type: any value it is given is taken to be a client. */
  typed = false;
}

export class Groups {
  private readonly ties: [Ref, Ref][] = [];

  root(ref: Ref): Ref {
    let root = ref;
    while (root.parent !== root) root = root.parent;
    for (let cur = ref; cur !== root;) [cur, cur.parent] = [cur.parent, root];
    return root;
  }

  get(ref: Ref): Group {
    const root = this.root(ref);
    return (root.group ??= { blockers: [] });
  }

  union(a: Ref, b: Ref): void {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra === rb) return;
    rb.parent = ra;
    const gb = rb.group;
    if (!gb) return;
    rb.group = undefined;
    if (!ra.group) return void (ra.group = gb);
    this.addService(ra, gb.service);
    ra.group.blockers.push(...gb.blockers);
  }

  /** Two groups of different services that convert together or not at all (a DocumentClient and its DynamoDB client). */
  tie(a: Ref, b: Ref): void {
    this.ties.push([a, b]);
  }

  /** A group tied to one that stays v2 stays v2 too, for the same reasons. */
  settle(): void {
    for (let changed = true; changed;) {
      changed = false;
      for (const [a, b] of this.ties) {
        const [ga, gb] = [this.get(a), this.get(b)];
        if (ga.blockers.length === gb.blockers.length || (ga.blockers.length && gb.blockers.length)) continue;
        const [from, to] = ga.blockers.length ? [ga, gb] : [gb, ga];
        to.blockers.push(...from.blockers);
        changed = true;
      }
    }
  }

  /** Converts: no use keeps it on v2. */
  accepted(ref: Ref): boolean {
    return this.get(ref).blockers.length === 0;
  }

  addService(ref: Ref, service: ServiceInfo | 'mixed' | undefined): void {
    const group = this.get(ref);
    if (service) group.service = group.service === undefined || group.service === service ? service : 'mixed';
  }

  /** The one service of the group, or undefined when it has several. */
  service(ref: Ref): ServiceInfo | undefined {
    const { service } = this.get(ref);
    return service === 'mixed' ? undefined : service;
  }
}

/** What one file does with the clients the flow found in it; positions are end positions in its text. */
export interface FileDecision {
  /** Every name a client is reached through in the file (converted or not). */
  names: string[];
  /** Constructions that become v3. */
  news: Set<number>;
  /** Operation calls that convert, with their client's service and their conversion as planned on `plannedOn`. */
  calls: Map<number, { service: ServiceInfo; plan?: Converts }>;
  plannedOn?: FileContext;
  /** Type annotations of clients that stay v2 (left as they are). */
  keptTypes: number[];
  /** Some client of this file stays v2, so the v2 import (and global config) stays too. */
  keepsClients: boolean;
  findings: Finding[];
}

export function emptyDecision(): FileDecision {
  return { names: [], news: new Set(), calls: new Map(), keptTypes: [], keepsClients: false, findings: [] };
}

/** The finding at a client that stays v2, naming the first use that kept it. */
export function keptFinding(file: string, line: number, label: string, blockers: Blocker[]): Finding {
  const [first] = blockers;
  const more = blockers.length > 1 ? ` (and ${blockers.length - 1} more use${blockers.length > 2 ? 's' : ''})` : '';
  return {
    file,
    line,
    rule: 'aws-sdk-v3/client-kept-v2',
    severity: 'manual',
    message:
      `\`${label}\` stays on aws-sdk v2: \`${first.text}\` at ${first.file}:${first.line} does not convert (${first.why})${more}. ` +
      'A client moves to v3 only when every use of it does, here and in the modules it reaches; convert that use by hand, then run again',
  };
}

/** The finding at a use that keeps its client on v2. */
export function blockerFinding(b: Blocker): Finding {
  return {
    file: b.file,
    line: b.line,
    rule: `aws-sdk-v3/${b.rule}`,
    severity: 'manual',
    message: `${b.why}; the client stays on aws-sdk v2`,
  };
}
