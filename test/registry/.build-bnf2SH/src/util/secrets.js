// Secrets stay inside atx: which environment variables are secret, the environment every
// process atx starts gets (without them), and the one redactor for everything atx writes or
// prints (plan, state, summary, knowledge items, conversations, campaign files, the terminal).
//
// - The model's credentials (ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN) are always secret.
// - ATX_SECRET_ENV names the others: a comma list of names, `*` matching any run of characters
//   (`*_TOKEN`), case-insensitive. Unset, it is `*_API_KEY,*_TOKEN,*_SECRET,*_PASSWORD`; set, it
//   replaces that list (write `*_TOKEN,DB_URL` to keep a default and add one).
// - ATX_PASS_ENV names secret variables the person wants a command to have anyway (a private
//   registry's NPM_TOKEN): exact names, comma-separated. They reach child processes, and their
//   values are still redacted from everything atx writes.
import { UsageError } from '../errors.js';
/** The model's own credentials: secret whatever ATX_SECRET_ENV says. */
export const modelCredentials = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'];
export const defaultSecretPatterns = ['*_API_KEY', '*_TOKEN', '*_SECRET', '*_PASSWORD'];
/** What stands in for a secret value in everything atx writes. */
export const redactedMark = '[redacted]';
/** Shorter values are not redacted: a secret of `true` or `1234` would blank out ordinary text. */
export const minSecretLength = 8;
const namePattern = /^[A-Za-z_*][A-Za-z0-9_*]*$/;
function listOf(value) {
    return (value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
}
/** The entries of ATX_SECRET_ENV and ATX_PASS_ENV that are not a variable name (or, for the first, a `*` pattern). */
export function secretSettingsProblems(env) {
    const problems = [];
    for (const entry of listOf(env.ATX_SECRET_ENV)) {
        if (!namePattern.test(entry))
            problems.push(`ATX_SECRET_ENV: "${entry}" is neither a variable name nor a pattern such as *_TOKEN (it takes a comma-separated list)`);
    }
    for (const entry of listOf(env.ATX_PASS_ENV)) {
        if (!namePattern.test(entry) || entry.includes('*'))
            problems.push(`ATX_PASS_ENV: "${entry}" is not a variable name (it takes a comma-separated list of names, no patterns)`);
    }
    return problems;
}
/** Refuses ATX_SECRET_ENV / ATX_PASS_ENV entries that name no variable (a UsageError, exit 2), before any work starts. */
export function checkSecretSettings(env) {
    const problems = secretSettingsProblems(env);
    if (problems.length)
        throw new UsageError(problems.join('; '));
}
function matcher(pattern) {
    const body = pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${body}$`, 'i');
}
/** A test for "is this variable secret", from ATX_SECRET_ENV (or its default). Malformed entries are ignored here; checkSecretSettings reports them. */
export function secretNameTest(env) {
    const listed = listOf(env.ATX_SECRET_ENV).filter((entry) => namePattern.test(entry));
    const patterns = (listed.length ? listed : defaultSecretPatterns).map(matcher);
    const always = new Set(modelCredentials.map((name) => name.toUpperCase()));
    return (name) => always.has(name.toUpperCase()) || patterns.some((pattern) => pattern.test(name));
}
/** The secret variables the person passes on to commands (ATX_PASS_ENV), upper-cased. */
export function passedNames(env) {
    return new Set(listOf(env.ATX_PASS_ENV)
        .filter((entry) => namePattern.test(entry) && !entry.includes('*'))
        .map((n) => n.toUpperCase()));
}
/** The names of the variables of `env` that are secret. */
export function secretNames(env) {
    const secret = secretNameTest(env);
    return Object.keys(env).filter((name) => env[name] !== undefined && secret(name));
}
/**
 * The environment for a process atx starts: `env` without its secret variables, except those
 * ATX_PASS_ENV names. runShell and gitAt apply it to whatever they are given, so no call site
 * can forget it.
 */
export function childEnv(env, options = {}) {
    const secret = options.keepCredentials ? modelCredentialTest() : secretNameTest(env);
    const passed = passedNames(env);
    const out = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (secret(name) && !passed.has(name.toUpperCase()))
            continue;
        if (ownRemotes.has(name.toUpperCase()) && urlCredentials.test(value))
            continue;
        out[name] = value;
    }
    return out;
}
/** atx's own remotes: a URL holding a token is atx's to use, never a command's. */
const ownRemotes = new Set(['ATX_REGISTRY_URL', 'ATX_RESULTS_URL']);
const urlCredentials = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]+@/i;
function modelCredentialTest() {
    const names = new Set(modelCredentials.map((name) => name.toUpperCase()));
    return (name) => names.has(name.toUpperCase());
}
/**
 * The values to redact: those of every secret variable of `env` (atx's own unless told
 * otherwise; passed on or not) and `extra`, each at least minSecretLength long, longest first so
 * that a secret containing another is cut whole.
 */
export function secretValues(env = process.env, extra = []) {
    const values = new Set();
    const candidates = [
        ...secretNames(env).map((name) => env[name]),
        ...extra.filter((v) => typeof v === 'string'),
    ];
    for (const value of candidates) {
        for (const candidate of [value, value.trim()])
            if (candidate.length >= minSecretLength)
                values.add(candidate);
    }
    return [...values].sort((a, b) => b.length - a.length);
}
/** `text` with every secret value replaced by [redacted]. */
export function redactText(text, values = secretValues()) {
    let out = text;
    for (const value of values)
        if (out.includes(value))
            out = out.split(value).join(redactedMark);
    return out;
}
/**
 * `text` redacted, keeping it valid when it is a whole JSON document (a `--json` answer, a file
 * of atx's): a secret that looks like a number would otherwise be cut out of a number there.
 * Text without a secret value is returned as it is, byte for byte.
 */
export function redactDocument(text, values = secretValues()) {
    if (!values.some((value) => text.includes(value)))
        return text;
    const start = text.trimStart()[0];
    if (start === '{' || start === '[') {
        try {
            const parsed = JSON.parse(text);
            return `${JSON.stringify(redactValue(parsed, values), null, 2)}${text.endsWith('\n') ? '\n' : ''}`;
        }
        catch {
            // Not one JSON document (JSON lines, a log): redacted as text.
        }
    }
    return redactText(text, values);
}
/**
 * `value` (a JSON-like document) with every secret value in its strings and keys replaced.
 * Done on the strings, not on the serialised text: a secret that looks like a number or meets
 * an escape sequence there would otherwise break the JSON.
 */
export function redactValue(value, values = secretValues()) {
    if (values.length === 0)
        return value;
    return walk(value, values);
}
function walk(value, values) {
    if (typeof value === 'string')
        return redactText(value, values);
    if (Array.isArray(value))
        return value.map((item) => walk(item, values));
    if (value && typeof value === 'object' && !(value instanceof Date)) {
        const toJson = value.toJSON;
        if (typeof toJson === 'function')
            return walk(toJson.call(value), values);
        const out = {};
        for (const [key, item] of Object.entries(value))
            out[redactText(key, values)] = walk(item, values);
        return out;
    }
    return value;
}
