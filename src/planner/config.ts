// The -g configuration: `file://config.yaml`, `file://config.json`, or `key=value` pairs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { TargetVersion } from '../codemods/types.js';
import { UsageError } from '../errors.js';

export const configKeys = [
  'codeRepositoryPath',
  'transformationName',
  'transformationVersion',
  'buildCommand',
  'validationCommands',
  'additionalPlanContext',
  'targetVersion',
] as const;

const ConfigSchema = z
  .object({
    codeRepositoryPath: z.string().min(1).optional(),
    transformationName: z.string().min(1).optional(),
    transformationVersion: z.coerce.string().optional(),
    buildCommand: z.string().optional(),
    validationCommands: z.union([z.string(), z.array(z.string())]).optional(),
    additionalPlanContext: z.string().optional(),
    // A version as a runtime writes it (`24`, `3.13`, `python3.13`); the family checks the value.
    targetVersion: z
      .union([
        z.number().positive(),
        z
          .string()
          .trim()
          .regex(/^[A-Za-z_-]*v?\d+(?:[._]\d+)*(?:\.x)?$/, 'not a version such as 24 or 3.13'),
      ])
      .optional(),
  })
  .strict();

export interface RunConfiguration {
  codeRepositoryPath?: string;
  transformationName?: string;
  transformationVersion?: string;
  buildCommand?: string;
  validationCommands: string[];
  additionalPlanContext?: string;
  /** As given (`24`, `"24"`, `"3.13"`): the definition's family reads it (src/planner/target.ts). */
  targetVersion?: TargetVersion;
}

/** Parses the -g value. Relative file paths resolve against `cwd`. */
export async function loadConfiguration(value: string | undefined, cwd: string): Promise<RunConfiguration> {
  if (!value) return { validationCommands: [] };
  const raw = value.startsWith('file://') ? await readConfigFile(value, cwd) : parsePairs(value);
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'configuration';
    const known = `known keys: ${configKeys.join(', ')}`;
    throw new UsageError(`invalid configuration (${where}): ${issue?.message ?? 'invalid'}; ${known}`);
  }
  const { validationCommands, ...rest } = parsed.data;
  const commands = validationCommands === undefined ? [] : [validationCommands].flat();
  return { ...rest, validationCommands: commands.filter((c) => c.trim() !== '') };
}

async function readConfigFile(value: string, cwd: string): Promise<unknown> {
  const path = value.startsWith('file:///') ? fileURLToPath(value) : resolve(cwd, value.slice('file://'.length));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`configuration file not found: ${path}`);
  }
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(
      `configuration file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
}

/**
 * `key=value` pairs separated by commas. A comma only separates pairs when a known key and `=`
 * follow it, so values may contain commas; a value may also be quoted.
 * A key given twice collects its values (useful for validationCommands).
 */
export function parsePairs(text: string): Record<string, string | string[]> {
  const keyAlternation = configKeys.join('|');
  const pairStart = new RegExp(`(?:^|,)\\s*(${keyAlternation}|[A-Za-z_][\\w.-]*)\\s*=`, 'g');
  const starts: Array<{ key: string; index: number; valueStart: number }> = [];
  for (const match of text.matchAll(pairStart)) {
    const key = match[1]!;
    const atStart = match.index === 0;
    // A comma followed by an unknown word and '=' is part of the previous value, e.g. "a=b,c=d" inside a command.
    if (!atStart && !(configKeys as readonly string[]).includes(key)) continue;
    starts.push({ key, index: match.index!, valueStart: match.index! + match[0].length });
  }
  if (starts.length === 0 || starts[0]!.index !== 0) {
    throw new UsageError(
      `invalid configuration '${text}': expected key=value pairs or file://path (keys: ${configKeys.join(', ')})`,
    );
  }
  const result: Record<string, string | string[]> = {};
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : text.length;
    const value = unquote(text.slice(start.valueStart, end).trim());
    const previous = result[start.key];
    result[start.key] = previous === undefined ? value : [previous, value].flat();
  });
  return result;
}

function unquote(value: string): string {
  const quoted = /^(['"])([\s\S]*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}
