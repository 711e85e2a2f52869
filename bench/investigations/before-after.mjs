// One change's effect on sync, two builds side by side: usage at the top of before-after.ts.
import { runTs } from '../load-ts.mjs';

await runTs('/bench/investigations/before-after.ts', 'compareBuilds');
