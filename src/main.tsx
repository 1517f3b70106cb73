/**
 * The entry: creates the compute worker, then loads the app. The worker starts only when the main
 * thread is free to hand it over, and evaluating the app's modules and its first render keep the
 * main thread busy for seconds on a loaded machine (the worker began compiling 6.4 s after it was
 * created inside the app's chunk, at load 20): here it is created first and gets going while the
 * app's chunk is fetched and parsed, so the worker's start-up and the page's run side by side.
 */
import { computeWorker } from './controllers/compute-worker';
import './app.css';

computeWorker();
void import('./render-app');
