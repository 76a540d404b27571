// Knowledge items: definitions that learn from feedback, failures and people's manual fixes.
export { KnowledgeBase, parseBoolean, parseStatus } from './store.js';
export { applyKnowledge, applySaid, describeApplied, type PlanKnowledge } from './apply.js';
export { effectsOf, itemsFromFeedback } from './feedback.js';
export { learnFromBranch, resultBranches, globFor, type BranchLessons } from './learn.js';
export { learnPatterns } from './patterns.js';
export { itemsFromRun, recordRun, noticeManualFixes, enabledItems } from './record.js';
export { revertExcluded } from './exclude.js';
export { knowledgeMarkdown, itemMarkdown, effectText } from './markdown.js';
export {
  itemId,
  KnowledgeItemSchema,
  KnowledgeFileSchema,
  type KnowledgeItem,
  type KnowledgeFile,
  type NewItem,
  type Effect,
} from './types.js';
