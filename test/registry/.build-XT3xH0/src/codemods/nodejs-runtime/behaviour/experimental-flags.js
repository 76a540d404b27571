const advice = {
    '--experimental-require-module': {
        message: 'turns require() of ES modules back on; Lambda keeps it off on Node.js 24 because it is experimental (not covered by AWS Support or the Lambda SLA). Prefer import, or bundle the code',
        severity: 'warning',
    },
    '--experimental-detect-module': {
        message: 'turns ES module syntax detection back on; Lambda keeps it off on Node.js 24 because it is experimental. Prefer .mjs files or "type": "module"',
        severity: 'warning',
    },
    '--experimental-default-type': {
        message: 'is no longer accepted by current Node.js releases, so the function may fail to start on Node.js 24. Use .mjs files or "type": "module" instead',
        severity: 'manual',
    },
    '--experimental-specifier-resolution': {
        message: 'was removed in Node.js 19; the function fails to start with it. Use full import paths or a bundler',
        severity: 'manual',
    },
    '--experimental-loader': {
        message: 'registers experimental module hooks; on Node.js 24 prefer module.register() loaded with --import, and test the function on the new runtime',
        severity: 'warning',
    },
};
const generic = {
    message: 'enables an experimental Node.js feature; check it still exists and behaves the same on Node.js 24',
    severity: 'warning',
};
/** Lines that make up NODE_OPTIONS values: its own line plus indented YAML continuation lines. */
function optionLines(lines) {
    const result = [];
    lines.forEach((line, index) => {
        if (!line.includes('NODE_OPTIONS') || /^\s*(#|\/\/)/.test(line))
            return;
        result.push(index);
        const indent = /^\s*/.exec(line)[0].length;
        for (let next = index + 1; next < lines.length; next++) {
            const more = lines[next];
            if (/^\s*$/.test(more) || /^\s*/.exec(more)[0].length <= indent || !/^\s*["']?--/.test(more))
                break;
            result.push(next);
        }
    });
    return result;
}
export function experimentalFlagFindings(file, text) {
    if (!text.includes('NODE_OPTIONS'))
        return [];
    const lines = text.split('\n');
    const findings = [];
    for (const index of optionLines(lines)) {
        for (const match of lines[index].matchAll(/--experimental-[a-z][\w-]*/g)) {
            const flag = match[0];
            const { message, severity } = advice[flag] ?? generic;
            findings.push({
                file,
                line: index + 1,
                rule: 'nodejs24/experimental-flag',
                message: `NODE_OPTIONS ${flag} ${message}`,
                severity,
            });
        }
    }
    return findings;
}
