/**
 * Imported first by main.tsx, so it runs before the app's modules evaluate: the compute worker
 * boots in parallel with them and with the first render instead of after them.
 */
import { computeWorker } from './controllers/compute-worker';

computeWorker();
