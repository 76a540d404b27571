// setup.py: `setup(python_requires=">=3.9")`, read with the kept Python parser
// (https://setuptools.pypa.io/en/latest/userguide/declarative_config.html).
import { firstSyntaxError, walkNamed } from '../../../util/python-syntax.js';
import { applyEdits, type Edit } from '../../runtime-upgrade/edits.js';
import { baseName } from '../../runtime-upgrade/scope.js';
import type { Surface } from '../../runtime-upgrade/surface.js';
import { plainString } from '../../runtime-upgrade/surfaces/cdk-python.js';
import { requirementEdit } from '../requirement.js';

export const setupPy: Surface = {
  name: 'setup-py',
  matches: (path, text) => baseName(path) === 'setup.py' && text.includes('python_requires'),
  apply(text, ctx) {
    if (!ctx.python) throw new Error('the Python parser is not loaded');
    const edits: Edit[] = [];
    ctx.python.withTree(text, (tree) => {
      const error = firstSyntaxError(tree);
      if (error) throw new Error(`it does not parse (line ${error.line}: ${error.text})`);
      walkNamed(tree.rootNode, (node) => {
        if (node.type !== 'keyword_argument' || node.childForFieldName('name')?.text !== 'python_requires') return;
        const value = plainString(node.childForFieldName('value'));
        const edit = value && requirementEdit(ctx, value.value, value.start, 'python_requires');
        if (edit) edits.push(edit);
      });
    });
    return applyEdits(text, edits);
  },
};
