/**
 * What components may ask for: each intent is a controller function. Components read the store
 * and call these; they never talk to the worker.
 */
export { remeasureBackend, retryWebgpu } from './backend';
export { computeEscape, curvatureAtStart, pointCurvature, requestCurvature } from './curvature';
export { cancelNetwork, computeCurvatureMatrix, computeDensity, computeHessian, computeInterpolation, computeMiniBatch, computeSurface, trainCurvature } from './network';
export { loadIdxFiles } from './model';
export { csvArchitecture, ensureProblem, loadProblemFile, reloadCsv } from './problem';
export { currentRun, pause, reset, run, runOrResume, RUN_GTOL, step } from './run';
export { flushLink, startSession } from './session';
