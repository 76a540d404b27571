// The run's findings as data (kept in the run's summary) and as a markdown section of summary.md.
import type { Finding } from '../types.js';
import { label, type PythonOptions } from './options.js';

export interface PythonReport {
  targetVersion: string;
  /** null when no source version was given: every change from 3.8 on is counted. */
  sourceVersion: string | null;
  filesChecked: number;
  /** Files that did not parse, left unchecked. */
  unparsed: string[];
  findings: number;
  byRule: Record<string, number>;
  /** Findings of the removed-module rule, by module. */
  byModule: Record<string, number>;
  /** Files with at least one finding, sorted. */
  files: string[];
}

const countOf = (keys: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};

export function buildReport(
  options: PythonOptions,
  filesChecked: number,
  findings: readonly Finding[],
  modules: string[],
  unparsed: string[],
): PythonReport {
  return {
    targetVersion: label(options.target),
    sourceVersion: options.source === undefined ? null : label(options.source),
    filesChecked,
    unparsed: [...unparsed].sort(),
    findings: findings.length,
    byRule: countOf(findings.map((finding) => finding.rule)),
    byModule: countOf(modules),
    files: [...new Set(findings.map((finding) => finding.file))].sort(),
  };
}

export function renderReport(report: PythonReport, findings: readonly Finding[]): string {
  const range = report.sourceVersion
    ? `after Python ${report.sourceVersion}, up to ${report.targetVersion}`
    : `from Python 3.8 up to ${report.targetVersion}`;
  const lines = [
    `## Python ${report.targetVersion} compatibility report`,
    '',
    `Checked ${report.filesChecked} Python file(s) for what was removed or deprecated ${range}.`,
    '',
  ];
  if (!findings.length) {
    lines.push('Nothing found: no file uses a module or API removed or deprecated in that range.', '');
    return lines.join('\n');
  }
  for (const rule of Object.keys(report.byRule)) {
    lines.push(`### ${rule} (${report.byRule[rule]})`, '');
    for (const finding of findings.filter((f) => f.rule === rule))
      lines.push(`- \`${finding.file}:${finding.line}\` — ${finding.message.replace(/\s*\n\s*/g, ' ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
