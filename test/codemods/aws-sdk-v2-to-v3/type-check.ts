// Type-checks converted TypeScript against the v3 packages installed in this project: one
// compiler project for every check in a test file, so the v3 declarations are parsed once.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface TypeChecker {
  /** Type-check the files (paths relative to a project root); the error messages, `file: message`. */
  check(files: Record<string, string>): string[];
  dispose(): void;
}

/**
 * `v2`: `aws-sdk` resolves to aws-sdk 2.1693's own declarations (installed as aws-sdk-v2-types, so
 * that nothing else here loads v2), to check code before its conversion, or what stays on v2.
 */
export function typeChecker(options: ts.CompilerOptions = {}, v2 = false): TypeChecker {
  const dir = mkdtempSync(join(tmpdir(), 'atx-types-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const v2Paths: Record<string, string[]> = v2
    ? {
        'aws-sdk': [join(dir, 'node_modules/aws-sdk-v2-types')],
        'aws-sdk/*': [join(dir, 'node_modules/aws-sdk-v2-types/*')],
      }
    : {};
  const project = new Project({
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      // @smithy/smithy-client 4.x re-exports ServiceException from @smithy/core/client, which the
      // installed clients depend on; the facade itself is not installed here.
      paths: { '@smithy/smithy-client': [join(dir, 'node_modules/@smithy/core/client')], ...v2Paths },
      ...options,
    },
  });
  return {
    check(files) {
      const added = Object.entries(files).map(([name, text]) => {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
        return project.addSourceFileAtPath(join(dir, name));
      });
      const messages = added.flatMap((sf) =>
        sf
          .getPreEmitDiagnostics()
          .map(
            (d) =>
              `${sf.getFilePath().slice(dir.length + 1)}:${d.getLineNumber()}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`,
          ),
      );
      for (const sf of added) project.removeSourceFile(sf);
      return messages;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
