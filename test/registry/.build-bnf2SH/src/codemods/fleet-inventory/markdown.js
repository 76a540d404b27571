// The inventory as a section of the run's report (summary.md).
import { DEPRECATING_WITHIN_DAYS } from './inventory.js';
const cell = (text) => String(text ?? '–').replace(/\|/g, '\\|');
export function renderInventory(inventory) {
    const lines = [
        '## Lambda inventory',
        '',
        `As of ${inventory.asOf}; runtime dates from ${inventory.schedule.url} (read ${inventory.schedule.read}). A runtime within ${DEPRECATING_WITHIN_DAYS} days of its deprecation date is "deprecating".`,
        '',
    ];
    if (!inventory.functions.length)
        lines.push('No Lambda function is declared in this repository.', '');
    else {
        lines.push('| function | declared in | runtime | status | deprecation | block update | arch | memory | handler | style | SDK v2 | tests |', '|---|---|---|---|---|---|---|---|---|---|---|---|');
        for (const f of inventory.functions) {
            const sdk = f.sdkNotIncluded ? `yes, not shipped (${f.sdkNotIncluded})` : f.sdkV2 ? 'yes' : 'no';
            lines.push(`| ${cell(f.name)} | ${cell(`${f.file}:${f.line}`)} (${f.source}) | ${cell(f.runtime)} | ${f.status} | ${cell(f.deprecation)} | ${cell(f.blockUpdate)} | ${f.architecture}${f.architectureDeclared ? '' : ' (default?)'} | ${f.memoryMb === undefined ? '– (default)' : `${f.memoryMb} MB`} | ${cell(f.handlerFile ?? f.handler)} | ${cell(f.handlerStyle)} | ${sdk} | ${f.tests === undefined ? '?' : f.tests ? 'yes' : 'no'} |`);
        }
        lines.push('');
    }
    const sdk = inventory.sdkV2;
    lines.push(`SDK v2: ${sdk.files.length} file(s), ${sdk.calls} call(s)${Object.keys(sdk.services).length
        ? `; services: ${Object.entries(sdk.services)
            .map(([s, n]) => `${s} (${n})`)
            .join(', ')}`
        : ''}.`, `Handlers: ${inventory.handlers.length}, of which ${inventory.handlers.filter((h) => h.style === 'callback').length} callback-style and ${inventory.handlers.filter((h) => h.style === 'context').length} answering through context methods.`, `Tests: ${inventory.tests.files} test file(s)${inventory.tests.script ? `, \`npm test\` runs \`${inventory.tests.script}\`` : ''}.`, '', '### What fixes it', '');
    if (!inventory.recommendations.length)
        lines.push('Nothing to fix.');
    else {
        lines.push('| definition | why | files | handlers | functions |', '|---|---|---|---|---|');
        for (const r of inventory.recommendations)
            lines.push(`| ${r.definition} | ${cell(r.why)} | ${r.files} | ${r.handlers} | ${r.functions} |`);
    }
    lines.push('');
    return lines.join('\n');
}
