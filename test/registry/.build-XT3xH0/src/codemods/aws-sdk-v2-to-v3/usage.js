import { v2Specifier } from './bindings.js';
import { prepare } from './convert-file.js';
import { Flow } from './flow.js';
import { isSource } from './paths.js';
import { v2LoadLine } from './v2-uses.js';
/** Every source file that loads aws-sdk v2, in path order. */
export function sdkV2Usage(repo) {
    const seeds = repo.files.filter((path) => isSource(path) && v2Specifier.test(repo.read(path)));
    if (!seeds.length)
        return [];
    const prepared = new Map();
    const load = (path) => {
        if (!prepared.has(path)) {
            let p = null;
            try {
                p = prepare(path, repo.read(path), 'bare');
            }
            catch {
                // unparsable: counted as loading v2 below, with no services or calls
            }
            prepared.set(path, p);
        }
        return prepared.get(path) ?? undefined;
    };
    const flow = new Flow({ files: repo.files.filter(isSource), read: (path) => repo.read(path), prepare: load });
    for (const path of seeds)
        load(path);
    for (const path of seeds)
        flow.seed(path);
    const decisions = flow.decide();
    const out = [];
    for (const file of seeds) {
        const line = v2LoadLine(file, repo.read(file));
        if (line === undefined)
            continue;
        const calls = decisions.get(file)?.calls ?? new Map();
        const services = new Set([...calls.values()].map((c) => c.service.v2));
        // A service module imported by name (`aws-sdk/clients/s3`) names its service even before any call.
        for (const ref of prepared.get(file)?.ctx.names.values() ?? [])
            if (ref.kind === 'service')
                services.add(ref.service.v2);
        out.push({ file, line, services: [...services].sort(), calls: calls.size });
    }
    return out;
}
