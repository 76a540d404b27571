// The Anthropic brain: intents, drafting, revision and plan feedback through the model;
// agent steps with file and command tools confined to the checkout.
import { renderDefinition } from '../../definitions/render.js';
import { DefinitionError } from '../../errors.js';
import type { Brain, Intent, Question, TextSink } from '../types.js';
import { readYesNo } from '../yes-no.js';
import { runAgentStep } from './agent.js';
import { ModelClient, type ModelSettings } from './client.js';
import { definitionFromModel } from './markdown.js';
import { applyPlanEdits, planForPrompt, planTool, type PlanEdits } from './plan.js';
import { draftSystem, intentSystem, planSystem, reviseSystem } from './prompts.js';

const intentsFor: Record<Exclude<Question, 'yes-no'>, Intent['kind'][]> = {
  choose: ['create', 'use-existing', 'unknown'],
  next: ['apply', 'modify', 'save-draft', 'publish', 'unknown'],
};

const questionText: Record<Exclude<Question, 'yes-no'>, string> = {
  choose: 'Do you want to use an existing transformation, or create a new one?',
  next: 'What next: apply the definition, modify it, save it as a draft, or publish it?',
};

export function createAnthropicBrain(settings: ModelSettings & { onText?: TextSink }): Brain {
  const model = new ModelClient(settings);
  return {
    kind: 'anthropic',
    label: `model ${settings.model}`,
    usage: () => model.usage(),

    async interpret(question, text, context = {}) {
      // A yes or a no is read here, by rules: the person's consent is never the model's to judge.
      if (question === 'yes-no') {
        const answer = readYesNo(text);
        return { kind: answer === 'unclear' ? 'unknown' : answer };
      }
      const kinds = intentsFor[question];
      const names = (context.entries ?? []).map((e) => `${e.name}: ${e.description}`).join('\n');
      const tool = {
        name: 'record_intent',
        description: 'Record what the user meant.',
        input_schema: {
          type: 'object' as const,
          properties: {
            kind: { type: 'string', enum: kinds },
            name: {
              type: 'string',
              description: 'for use-existing: the exact name of the definition the user means, if any',
            },
            change: { type: 'string', description: 'for modify: the change the user asked for, if they said one' },
          },
          required: ['kind'],
        },
      };
      const prompt = `Question: ${questionText[question]}\n${names ? `Existing definitions:\n${names}\n` : ''}User: ${text}`;
      const answer = await model.callTool<{ kind: string; name?: string; change?: string }>(
        intentSystem,
        [{ role: 'user', content: prompt }],
        tool,
        'interpret',
      );
      return toIntent(answer, kinds, context.entries?.map((e) => e.name) ?? []);
    },

    async draftDefinition(request, onText) {
      const docs = request.documents
        .map((d) => `<document name="${d.name}">\n${d.text.slice(0, 60_000)}\n</document>`)
        .join('\n');
      const prompt = `Draft a transformation definition for: ${request.description}\n${docs ? `Reference documents:\n${docs}` : 'No documents were given: follow best practices.'}`;
      return withRepair(model, draftSystem, prompt, onText ?? settings.onText);
    },

    async reviseDefinition(definition, feedback, onText) {
      const current = renderDefinition(definition);
      const text = await model.streamText(
        reviseSystem,
        [{ role: 'user', content: `Current definition:\n\n${current}\n\nChange: ${feedback}` }],
        onText ?? settings.onText,
        'revise',
      );
      const refused = /^NO CHANGE:\s*(.*)$/m.exec(text.trim());
      if (refused && !/^# /m.test(text)) return { definition, changed: false, reply: refused[1]!.trim() };
      const change = /^CHANGE:\s*(.*)$/m.exec(text)?.[1]?.trim() ?? 'Revised the definition.';
      const revised = definitionFromModel(text.replace(/^CHANGE:.*$/m, ''));
      return { definition: revised, changed: renderDefinition(revised) !== current, reply: change };
    },

    async refinePlan(plan, feedback) {
      const edits = await model.callTool<PlanEdits>(
        planSystem,
        [{ role: 'user', content: `Plan: ${planForPrompt(plan)}\nFeedback: ${feedback}` }],
        planTool,
        'plan',
      );
      return applyPlanEdits(plan, edits);
    },

    runAgentStep: (step, context) => runAgentStep(model, step, { ...context, onText: settings.onText }),
  };
}

function toIntent(
  answer: { kind: string; name?: string; change?: string },
  allowed: Intent['kind'][],
  names: string[],
): Intent {
  const kind = allowed.includes(answer.kind as Intent['kind']) ? (answer.kind as Intent['kind']) : 'unknown';
  if (kind === 'use-existing') return names.includes(answer.name ?? '') ? { kind, name: answer.name } : { kind };
  if (kind === 'modify') return answer.change ? { kind, change: answer.change } : { kind };
  return { kind } as Intent;
}

/** A draft that does not parse goes back to the model once, with the parser's message. */
async function withRepair(model: ModelClient, system: string, prompt: string, onText?: TextSink) {
  const first = await model.streamText(system, [{ role: 'user', content: prompt }], onText, 'draft');
  try {
    return definitionFromModel(first);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const again = await model.streamText(
      system,
      [
        { role: 'user', content: prompt },
        { role: 'assistant', content: first },
        {
          role: 'user',
          content: `That does not follow the format: ${error.message}. Answer with the corrected definition only.`,
        },
      ],
      onText,
      'draft',
    );
    return definitionFromModel(again);
  }
}
