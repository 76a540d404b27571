// A worker thread of the codemod: converts the candidates it takes from a batch (../file-pool.ts).
import { serveInputs } from '../file-pool.js';
import { convertCandidate, ProjectPool, type Candidate } from './candidate.js';

const projects = new ProjectPool();
serveInputs((input: Candidate) => convertCandidate(projects, input));
