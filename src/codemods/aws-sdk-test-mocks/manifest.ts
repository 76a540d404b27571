// package.json of a package whose tests moved: aws-sdk-client-mock joins its devDependencies
// (through the SDK codemod's manifest editor, which keeps the formatting), and aws-sdk-mock
// leaves once none of its files loads it.
import { ts } from '../../util/typescript.cjs';
import { updateManifest } from '../aws-sdk-v2-to-v3/package-json.js';
import { parseJson, propertyName, rootObject } from '../runtime-upgrade/json-doc.js';
import { Edits } from '../aws-sdk-v2-to-v3/edits.js';

const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

function entries(text: string, visit: (section: ts.ObjectLiteralExpression, file: ts.JsonSourceFile) => void): void {
  const file = parseJson('package.json', text);
  const root = file && rootObject(file);
  if (!root) throw new Error('package.json is not an object');
  for (const prop of root.properties) {
    const name = propertyName(prop);
    if (
      name &&
      sections.includes(name) &&
      ts.isPropertyAssignment(prop) &&
      ts.isObjectLiteralExpression(prop.initializer)
    ) {
      visit(prop.initializer, file!);
    }
  }
}

/**
 * The manifest with aws-sdk-client-mock in its devDependencies (unless declared), without
 * aws-sdk-mock when `dropMock`, and without aws-sdk when `dropV2` (the SDK codemod kept it for the
 * tests that faked it).
 */
export function updateTestManifest(text: string, dropMock: boolean, dropV2 = false): string | undefined {
  let out = updateManifest(text, ['aws-sdk-client-mock'], false, 'devDependencies') ?? text;
  if (dropMock) out = without(out, 'aws-sdk-mock');
  if (dropV2) out = updateManifest(out, [], true) ?? out;
  return out === text ? undefined : out;
}

/** Remove a dependency's entry, its line and the comma that separated it. */
function without(text: string, name: string): string {
  const edits = new Edits(text);
  entries(text, (section, file) => {
    const props = section.properties;
    const i = props.findIndex((p) => propertyName(p) === name);
    if (i < 0) return;
    const start = props[i].getStart(file);
    if (props.length === 1) return edits.replace(section.getStart(file), section.end, '{}');
    if (i < props.length - 1) {
      // up to the next entry: its comma (and its line, when it has one of its own) go with it
      const next = props[i + 1].getStart(file);
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const nextLine = text.lastIndexOf('\n', next - 1) + 1;
      const ownLine = /^[ \t]*$/.test(text.slice(lineStart, start)) && nextLine > start;
      return edits.replace(ownLine ? lineStart : start, ownLine ? nextLine : next, '');
    }
    // the last entry: from the end of the one before it
    edits.replace(props[i - 1].end, props[i].end, '');
  });
  return edits.apply();
}
