import fc from 'fast-check';

/**
 * Property tests draw from a fixed seed so a CI run is reproducible; FC_SEED=<n> explores another
 * stream (a failure prints the seed and path that reproduce it).
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
