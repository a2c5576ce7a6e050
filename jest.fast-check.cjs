// Property tests (fast-check) draw new cases on every local run and print the seed of a
// failure (`FC_SEED=<seed>` replays it). Under CI the draw is fixed, so a red build is the
// change's doing, never a lucky draw; counterexamples found locally become named cases.
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261207' : undefined);
if (seed !== undefined) {
  try {
    require('fast-check').configureGlobal({ seed: Number(seed) });
  } catch {
    // A project without fast-check has no property tests.
  }
}
