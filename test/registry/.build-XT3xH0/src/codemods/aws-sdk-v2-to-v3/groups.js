/** A member of a group (a value, a declaration, a member name); union-find over these objects. */
export class Ref {
    parent = this;
    /** Only at a root, made when first asked for. */
    group;
    /** Its occurrences are being followed. */
    followed = false;
    /** Declared with a v2 client type: any value it is given is taken to be a client. */
    typed = false;
}
export class Groups {
    ties = [];
    root(ref) {
        let root = ref;
        while (root.parent !== root)
            root = root.parent;
        for (let cur = ref; cur !== root;)
            [cur, cur.parent] = [cur.parent, root];
        return root;
    }
    get(ref) {
        const root = this.root(ref);
        return (root.group ??= { blockers: [] });
    }
    union(a, b) {
        const [ra, rb] = [this.root(a), this.root(b)];
        if (ra === rb)
            return;
        rb.parent = ra;
        const gb = rb.group;
        if (!gb)
            return;
        rb.group = undefined;
        if (!ra.group)
            return void (ra.group = gb);
        this.addService(ra, gb.service);
        ra.group.blockers.push(...gb.blockers);
    }
    /** Two groups of different services that convert together or not at all (a DocumentClient and its DynamoDB client). */
    tie(a, b) {
        this.ties.push([a, b]);
    }
    /** A group tied to one that stays v2 stays v2 too, for the same reasons. */
    settle() {
        for (let changed = true; changed;) {
            changed = false;
            for (const [a, b] of this.ties) {
                const [ga, gb] = [this.get(a), this.get(b)];
                if (ga.blockers.length === gb.blockers.length || (ga.blockers.length && gb.blockers.length))
                    continue;
                const [from, to] = ga.blockers.length ? [ga, gb] : [gb, ga];
                to.blockers.push(...from.blockers);
                changed = true;
            }
        }
    }
    /** Converts: no use keeps it on v2. */
    accepted(ref) {
        return this.get(ref).blockers.length === 0;
    }
    addService(ref, service) {
        const group = this.get(ref);
        if (service)
            group.service = group.service === undefined || group.service === service ? service : 'mixed';
    }
    /** The one service of the group, or undefined when it has several. */
    service(ref) {
        const { service } = this.get(ref);
        return service === 'mixed' ? undefined : service;
    }
}
export function emptyDecision() {
    return { names: [], news: new Set(), calls: new Map(), keptTypes: [], keepsClients: false, findings: [] };
}
/** The finding at a client that stays v2, naming the first use that kept it. */
export function keptFinding(file, line, label, blockers) {
    const [first] = blockers;
    const more = blockers.length > 1 ? ` (and ${blockers.length - 1} more use${blockers.length > 2 ? 's' : ''})` : '';
    return {
        file,
        line,
        rule: 'aws-sdk-v3/client-kept-v2',
        severity: 'manual',
        message: `\`${label}\` stays on aws-sdk v2: \`${first.text}\` at ${first.file}:${first.line} does not convert (${first.why})${more}. ` +
            'A client moves to v3 only when every use of it does, here and in the modules it reaches; convert that use by hand, then run again',
    };
}
/** The finding at a use that keeps its client on v2. */
export function blockerFinding(b) {
    return {
        file: b.file,
        line: b.line,
        rule: `aws-sdk-v3/${b.rule}`,
        severity: 'manual',
        message: `${b.why}; the client stays on aws-sdk v2`,
    };
}
