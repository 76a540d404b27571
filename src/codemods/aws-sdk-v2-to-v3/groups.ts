// Groups of client values that reach each other (union-find over keys such as `file\0s3`), what
// services they hold and the uses that keep them on v2; and what the decision means for one file.
import type { Finding } from '../types.js';
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
  services: Set<ServiceInfo>;
  blockers: Blocker[];
}

export class Groups {
  private readonly parent = new Map<string, string>();
  private readonly data = new Map<string, Group>();
  private readonly ties: [string, string][] = [];

  has(key: string): boolean {
    return this.parent.has(key);
  }

  root(key: string): string {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.data.set(key, { services: new Set(), blockers: [] });
      return key;
    }
    let root = key;
    for (let up = this.parent.get(root)!; up !== root; up = this.parent.get(root)!) root = up;
    for (let cur = key; cur !== root;) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  get(key: string): Group {
    return this.data.get(this.root(key))!;
  }

  union(a: string, b: string): void {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra === rb) return;
    const [ga, gb] = [this.data.get(ra)!, this.data.get(rb)!];
    for (const s of gb.services) ga.services.add(s);
    ga.blockers.push(...gb.blockers);
    this.parent.set(rb, ra);
    this.data.delete(rb);
  }

  /** Two groups of different services that convert together or not at all (a DocumentClient and its DynamoDB client). */
  tie(a: string, b: string): void {
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
  accepted(key: string): boolean {
    return this.get(key).blockers.length === 0;
  }

  /** The one service of the group, or undefined when it has several. */
  service(key: string): ServiceInfo | undefined {
    const { services } = this.get(key);
    return services.size === 1 ? [...services][0] : undefined;
  }
}

/** What one file does with the clients the flow found in it; positions are those of its text. */
export interface FileDecision {
  /** Every name a client is reached through in the file (converted or not). */
  instances: Map<string, ServiceInfo | 'ambiguous'>;
  /** Constructions that become v3, by end position. */
  news: Set<number>;
  /** Operation calls that convert, by end position, with their client's service. */
  calls: Map<number, ServiceInfo>;
  /** Type annotations of clients that stay v2 (left as they are), by end position. */
  keptTypes: Set<number>;
  /** Some client of this file stays v2, so the v2 import (and global config) stays too. */
  keepsClients: boolean;
  findings: Finding[];
}

export function emptyDecision(): FileDecision {
  return { instances: new Map(), news: new Set(), calls: new Map(), keptTypes: new Set(), keepsClients: false, findings: [] };
}

/** The finding at a client that stays v2, naming the first use that kept it. */
export function keptFinding(file: string, line: number, label: string, blockers: Blocker[]): Finding {
  const [first] = blockers;
  const more = blockers.length > 1 ? ` (and ${blockers.length - 1} more use${blockers.length > 2 ? 's' : ''})` : '';
  return {
    file, line, rule: 'aws-sdk-v3/client-kept-v2', severity: 'manual',
    message: `\`${label}\` stays on aws-sdk v2: \`${first.text}\` at ${first.file}:${first.line} does not convert (${first.why})${more}. `
      + 'A client moves to v3 only when every use of it does, here and in the modules it reaches; convert that use by hand, then run again',
  };
}

/** The finding at a use that keeps its client on v2. */
export function blockerFinding(b: Blocker): Finding {
  return { file: b.file, line: b.line, rule: `aws-sdk-v3/${b.rule}`, severity: 'manual', message: `${b.why}; the client stays on aws-sdk v2` };
}
