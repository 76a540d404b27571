// A run's target version, through the family of targets (src/codemods/types.ts) that its
// definition's codemods and validators declare. Knows no family by name: a new family is
// declared beside its codemods and validators, not here.
import { codemodNames, codemodTarget } from '../codemods/index.js';
import type { TargetFamily, TargetVersion } from '../codemods/types.js';
import type { Definition, ExitCriterion } from '../definitions/types.js';
import { UsageError } from '../errors.js';
import { validatorNames, validatorTarget } from '../validators/names.js';
import type { RunConfiguration } from './config.js';
import type { Plan } from './types.js';

/** Every family a codemod or a validator declares. */
export function targetFamilies(): TargetFamily[] {
  const declared = [...codemodNames.map(codemodTarget), ...validatorNames.map(validatorTarget)];
  return [...new Set(declared.filter((family) => family !== undefined))];
}

/** The family a definition works towards: the first its codemod steps or its exit criteria's validators declare. */
export function familyOf(definition: Definition): TargetFamily | undefined {
  const codemods = definition.phases
    .flatMap((phase) => phase.steps)
    .flatMap((step) => (step.action && 'codemod' in step.action ? [step.action.codemod] : []));
  const validators = definition.exitCriteria.flatMap((criterion) =>
    criterion.validator ? [criterion.validator.validator] : [],
  );
  return codemods.map(codemodTarget).find(Boolean) ?? validators.map(validatorTarget).find(Boolean);
}

/** The family a plan's codemod steps work towards. */
export function familyOfPlan(plan: Plan): TargetFamily | undefined {
  return plan.steps
    .map((step) => (step.action && 'codemod' in step.action ? codemodTarget(step.action.codemod) : undefined))
    .find(Boolean);
}

/**
 * The target a sentence names, read by `family`, or for a definition without one by the first
 * family that reads one in it: a target there is the definition's own business (a Java version).
 */
export function targetIn(
  text: string | undefined,
  family: TargetFamily | undefined,
): { version: TargetVersion; family: TargetFamily } | undefined {
  for (const reader of family ? [family] : targetFamilies()) {
    const version = reader.parse(text);
    if (version !== undefined) return { version, family: reader };
  }
  return undefined;
}

/**
 * The target version a plan works towards: from `targetVersion`, else from the plan context,
 * else the default of the definition's family. For a definition with a family it must be one
 * of the family's versions; another definition's target (a Java version) is its own business.
 * Throws UsageError (exit 2) naming the valid values.
 */
export function targetVersionFor(definition: Definition, configuration: RunConfiguration): TargetVersion | undefined {
  const family = familyOf(definition);
  const given = configuration.targetVersion;
  if (!family)
    return given === undefined ? targetIn(configuration.additionalPlanContext, family)?.version : plain(given);
  const named =
    given !== undefined
      ? (family.read(given) ?? given)
      : targetIn(configuration.additionalPlanContext, family)?.version;
  if (named !== undefined && !family.versions.includes(named)) {
    const how =
      configuration.targetVersion !== undefined ? 'targetVersion' : 'the target named in additionalPlanContext';
    throw new UsageError(
      `${how} ${named} is not a ${family.platform} ${family.label} runtime; use one of ${family.versions.join(', ')} (default ${family.defaultVersion})`,
    );
  }
  return named ?? family.defaultVersion;
}

/**
 * Why `version` cannot be the plan's new target, if it cannot: a plan whose codemods work
 * towards a family moves to one of its versions.
 */
export function targetVersionProblem(plan: Plan, version: TargetVersion): string | undefined {
  const family = familyOfPlan(plan);
  if (!family || family.versions.includes(family.read(version) ?? version)) return undefined;
  return `${family.label} ${version} is not a ${family.platform} runtime; the target can be one of ${family.versions.join(', ')}. The plan is unchanged.`;
}

/**
 * A validator's pattern for a target: `{{targetVersion}}`, and the placeholders of a family
 * (`family`, else the one whose placeholders the pattern names), each its text for the target.
 */
export function expandValidator(
  validator: ExitCriterion['validator'],
  targetVersion: TargetVersion | undefined,
  family?: TargetFamily,
): ExitCriterion['validator'] {
  if (!validator?.pattern || targetVersion === undefined) return validator;
  const named = (f: TargetFamily) =>
    Object.keys(f.placeholders).some((name) => validator.pattern!.includes(`{{${name}}}`));
  const owner = family ?? targetFamilies().find(named);
  let pattern = validator.pattern.replaceAll('{{targetVersion}}', String(targetVersion));
  for (const [name, text] of Object.entries(owner?.placeholders ?? {}))
    pattern = pattern.replaceAll(`{{${name}}}`, text(targetVersion));
  return { ...validator, pattern };
}

/** A target given to a definition without a family: a number when it is one (`"17"` → 17). */
function plain(value: TargetVersion): TargetVersion {
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
}

/** The version `value` names in `plan`'s family, as the family writes it (`"24"` → 24). */
export function planTargetVersion(plan: Plan, value: TargetVersion): TargetVersion {
  return familyOfPlan(plan)?.read(value) ?? value;
}

/** The targets a definition's steps name in their options (the rungs of a version ladder). */
export function stepTargets(definition: Definition): TargetVersion[] {
  const family = familyOf(definition);
  return definition.phases
    .flatMap((phase) => phase.steps)
    .flatMap((step) => {
      const value = step.action && 'codemod' in step.action ? step.action.options?.targetVersion : undefined;
      const version = family ? family.read(value) : typeof value === 'number' ? value : undefined;
      return version === undefined ? [] : [version];
    });
}
