// Node.js version facts and the small version-token rewrites every surface shares.
/** Majors Lambda has shipped as `nodejsNN.x` managed runtimes (only even, LTS majors). */
export const LAMBDA_NODE_MAJORS = [10, 12, 14, 16, 18, 20, 22, 24];
/** Lambda base images for Node.js 18 and older are Amazon Linux 2 (yum); 20+ are AL2023 (dnf). */
export const LAST_AL2_MAJOR = 18;
export function isLambdaMajor(major) {
    return LAMBDA_NODE_MAJORS.includes(major);
}
/**
 * Lambda Node.js runtimes not deprecated when nodejs24.x came out (November 2025): nodejs18.x
 * was deprecated on 2025-09-01, nodejs16.x on 2024-06-12
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). A layer's compatible
 * runtimes keep these; remove a major here when Lambda deprecates it.
 */
export const LAMBDA_SUPPORTED_NODE_MAJORS = [20, 22, 24];
export function isSupportedLambdaMajor(major) {
    return LAMBDA_SUPPORTED_NODE_MAJORS.includes(major);
}
/** LTS code names used by nvm (`lts/iron`). */
export const LTS_CODENAMES = {
    argon: 4,
    boron: 6,
    carbon: 8,
    dubnium: 10,
    erbium: 12,
    fermium: 14,
    gallium: 16,
    hydrogen: 18,
    iron: 20,
    jod: 22,
    krypton: 24,
};
export function codenameOf(major) {
    return Object.keys(LTS_CODENAMES).find((name) => LTS_CODENAMES[name] === major);
}
/** `nodejs20.x`, and the old `nodejs8.10` / `nodejs4.3` identifiers. */
const lambdaRuntime = /^nodejs(\d+)\.(?:x|\d+)$/;
export function lambdaRuntimeMajor(value) {
    const match = lambdaRuntime.exec(value);
    return match ? Number(match[1]) : undefined;
}
export function lambdaRuntimeId(major) {
    return `nodejs${major}.x`;
}
/** A version token such as `20`, `v20`, `20.x`, `20.11.0`, `v20.11`. */
const versionToken = /^(v?)(\d+)((?:\.(?:\d+|x|\*))*)$/;
export function parseVersionToken(token) {
    const match = versionToken.exec(token);
    if (!match)
        return undefined;
    const [, prefix, major, rest] = match;
    const parts = rest.split('.').slice(1);
    return {
        major: Number(major),
        render(next, style) {
            if (style === 'major')
                return `${prefix}${next}${parts[0] === 'x' || parts[0] === '*' ? `.${parts[0]}` : ''}`;
            return `${prefix}${next}${parts.map((p) => (/^\d+$/.test(p) ? '.0' : `.${p}`)).join('')}`;
        },
    };
}
