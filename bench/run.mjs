// `npm run bench`: every benchmark, each against a baseline measured in the same run.
import { benchLambdaHandlers } from './lambda-handlers.mjs';
import { benchAwsSdk } from './aws-sdk.mjs';
import { benchCampaign } from './campaign.mjs';
import { benchEquivalence } from './equivalence.mjs';
import { benchPython } from './python.mjs';

const only = process.argv[2];
const files = Number(process.env.BENCH_FILES || 5000);
const benches = {
  'lambda-handlers': () => benchLambdaHandlers({ files, repeats: Number(process.env.BENCH_REPEATS || 3) }),
  'aws-sdk': () => benchAwsSdk({ files: Number(process.env.BENCH_AWS_FILES || 2000) }),
  campaign: () => benchCampaign({ repos: Number(process.env.BENCH_REPOS || 50) }),
  equivalence: () => benchEquivalence({ handlers: Number(process.env.BENCH_EQ_HANDLERS || 200) }),
  python: () => benchPython({ files: Number(process.env.BENCH_PY_FILES || 2000) }),
};

for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  const result = run();
  console.log(`${result.name}`);
  console.log(
    `  baseline ${result.baselineMs.toFixed(0)} ms, atx ${result.atxMs.toFixed(0)} ms, ratio ${result.ratio.toFixed(2)}x (${result.goal}); ${result.notes}`,
  );
}
