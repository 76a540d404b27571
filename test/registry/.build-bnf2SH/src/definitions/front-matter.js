// SKILL.md front matter (`---` YAML `---` at the very top). The markdown parser has no
// front-matter support, so we cut it out here and blank its lines, which keeps every line
// number the parser reports equal to the line in the file.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { DefinitionError } from '../errors.js';
import { CATEGORIES } from './types.js';
const requiredKeys = ['name', 'description'];
const allowedKeys = [...requiredKeys, 'category'];
export function splitFrontMatter(text, file) {
    const lines = text.split('\n');
    if (lines[0]?.trimEnd() !== '---')
        return { body: text };
    const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close < 0) {
        throw new DefinitionError(file, 1, "front matter opened with '---' is never closed; add a '---' line after it");
    }
    const yamlText = lines.slice(1, close).join('\n');
    const frontMatter = readFrontMatter(yamlText, file);
    const body = [...lines.slice(0, close + 1).map(() => ''), ...lines.slice(close + 1)].join('\n');
    return { frontMatter, body };
}
function readFrontMatter(yamlText, file) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(yamlText, { lineCounter });
    // YAML line 1 is file line 2 (after the opening `---`).
    const fileLine = (offset) => lineCounter.linePos(offset).line + 1;
    const error = doc.errors[0];
    if (error) {
        throw new DefinitionError(file, fileLine(error.pos[0]), `front matter is not valid YAML: ${firstLine(error.message)}`);
    }
    if (!isMap(doc.contents)) {
        throw new DefinitionError(file, 2, "front matter must be a mapping with 'name' and 'description'");
    }
    const values = {};
    for (const pair of doc.contents.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const line = fileLine(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
        if (!allowedKeys.includes(key)) {
            throw new DefinitionError(file, line, `unknown front matter key '${key}'; allowed: ${allowedKeys.join(', ')}`);
        }
        const value = isScalar(pair.value) ? pair.value.value : undefined;
        if (typeof value !== 'string' || value.trim() === '') {
            throw new DefinitionError(file, line, `front matter '${key}' must be a non-empty text`);
        }
        if (key === 'category' && !isCategory(value.trim())) {
            throw new DefinitionError(file, line, `front matter 'category' must be ${CATEGORIES.join(' or ')}, not '${value}'`);
        }
        values[key] = value.trim();
    }
    for (const key of requiredKeys) {
        if (!(key in values))
            throw new DefinitionError(file, 2, `front matter is missing '${key}'`);
    }
    const category = values.category;
    return { name: values.name, description: values.description, ...(isCategory(category) ? { category } : {}) };
}
export function isCategory(value) {
    return CATEGORIES.includes(value);
}
function firstLine(message) {
    return message.split('\n')[0];
}
