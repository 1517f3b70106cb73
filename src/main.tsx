// first: the compute worker boots while the rest of the page's modules evaluate
import './start-worker';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { preferCpuCanvas2d } from './ui/cpu-canvas';

preferCpuCanvas2d();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
