// Compiles events against the @types/aws-lambda type each claims to be: `const e = <json> satisfies T`
// in a file placed in this folder (so `aws-lambda` resolves from node_modules), with strict checks.
import { Project, ts } from 'ts-morph';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** The compiler's messages for each event (empty when it is an instance of its type). */
export function typeErrors(events: { type: string; event: unknown }[]): string[][] {
  const project = new Project({
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      types: [],
      skipLibCheck: true,
    },
  });
  const names = [...new Set(events.map((e) => /^\w+/.exec(e.type)![0]))];
  const lines = [`import type { ${names.join(', ')} } from 'aws-lambda';`];
  events.forEach((e, i) => lines.push(`export const e${i} = ${JSON.stringify(e.event)} satisfies ${e.type};`));
  const sf = project.createSourceFile(join(here, '__generated_events_check.ts'), lines.join('\n'), { overwrite: true });
  const out: string[][] = events.map(() => []);
  for (const d of sf.getPreEmitDiagnostics()) {
    const line = d.getLineNumber() ?? 1;
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n');
    // line 1 is the import: an error there concerns every event
    if (line === 1) out.forEach((list) => list.push(message));
    else out[line - 2].push(message);
  }
  return out;
}
