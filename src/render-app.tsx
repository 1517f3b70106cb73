/**
 * The app itself, loaded by main.tsx once the compute worker has been created. The link is applied
 * and the first problem requested before React renders, so the request waits for the worker, not
 * for the first render and its effects (the charts' set-up held the main thread 1.4 s at load 20).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSession } from './controllers/intents';
import { preferCpuCanvas2d } from './ui/cpu-canvas';

preferCpuCanvas2d();
startSession();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
