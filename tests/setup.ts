// Shared Vitest setup. Component tests opt into a DOM with `// @vitest-environment jsdom`.
import 'fake-indexeddb/auto';
import { configure } from '@testing-library/dom';
import fc from 'fast-check';

// Property tests are reproducible: one fixed seed unless FC_SEED says otherwise (`FC_SEED=random`
// explores, `FC_SEED=<n>` replays). fast-check prints the seed and the shrunk path of any failure, so a
// red run can be replayed exactly with FC_SEED=<seed>; CI always runs the fixed seed.
const fromEnv = process.env.FC_SEED;
const seed =
  fromEnv === 'random' ? Date.now() ^ (Math.random() * 0x100000000) : fromEnv ? Number(fromEnv) : 20_261_130;
fc.configureGlobal({ seed, verbose: 1 });

// findBy*/waitFor give up after 1 s by default: too short when two test workers share two busy cores.
// Waiting longer changes nothing on a green run (conditions still resolve as soon as they hold).
configure({ asyncUtilTimeout: 15_000 });
