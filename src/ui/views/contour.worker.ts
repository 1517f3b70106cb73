/**
 * The contour view's worker: d3-contour's marching squares and the SVG path text for a surface take
 * tens of milliseconds (81 x 81 grid, 24 levels), which on the page's thread was one long task each
 * time a surface arrived; here the page only receives the finished paths.
 */
import { expose } from 'comlink';
import { bandPaths } from './contourPaths';

export type ContourWorkerApi = { bandPaths: typeof bandPaths };

expose({ bandPaths } satisfies ContourWorkerApi);
