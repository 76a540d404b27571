// The root `atx` command: resume a run, or a headless instruction (`-x "apply NAME to PATH"`).
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { execCommand, resumeCommand } from './exec.js';

interface RootOptions {
  nonInteractive?: string;
  trustAllTools?: boolean;
  resume?: boolean;
  conversationId?: string;
  json?: boolean;
}

export async function sessionCommand(options: RootOptions, io: CliIO, program: Command): Promise<number> {
  if (options.resume || options.conversationId) {
    return resumeCommand(options.conversationId, { json: options.json }, io);
  }
  if (options.nonInteractive !== undefined) {
    const request = parseInstruction(options.nonInteractive);
    return execCommand(
      { ...request, nonInteractive: true, trustAllTools: Boolean(options.trustAllTools), doNotLearn: false, dryRun: false, json: options.json },
      io,
    );
  }
  program.outputHelp();
  return 0;
}

/**
 * The offline reading of a headless instruction: "apply AWS/nodejs-version-upgrade to ./svc",
 * optionally "… with build command npm test" or "… (target Node.js 22)".
 */
export function parseInstruction(text: string): {
  transformationName: string;
  codeRepositoryPath: string;
  buildCommand?: string;
  configuration?: string;
} {
  const match = /\b(?:apply|run|execute|use)\s+(\S+)\s+(?:to|on|in)\s+(\S+)(.*)$/i.exec(text.trim());
  if (!match) {
    throw new UsageError(`I could not read the instruction "${text}"; without a model, say e.g. "apply AWS/nodejs-version-upgrade to ./svc with build command npm test"`);
  }
  const rest = match[3] ?? '';
  const build = /\bwith (?:the )?build command\s+[`'"]?(.+?)[`'"]?\s*$/i.exec(rest)?.[1];
  const target = /\b(?:target(?:ing)?|to)\s+node(?:\.?js)?\s*(\d{2})\b/i.exec(rest)?.[1];
  return {
    transformationName: match[1]!,
    codeRepositoryPath: match[2]!.replace(/[.,;]$/, '') || '.',
    buildCommand: build,
    configuration: target ? `targetVersion=${target}` : undefined,
  };
}
