/**
 * Fashion-MNIST from picked or dropped IDX files (issue 10): the bytes are read here, checked
 * against the file budget, and sent with the model problem; the worker sorts and parses them. A
 * load that fails keeps the previous problem and the files it was loaded from.
 */
import { LIMITS } from '../core/limits';
import { getModelPreset } from '../core/problem/model-presets';
import { FASHION_DEFAULT_EXAMPLES, modelParamCount } from '../protocol/model-problem';
import type { ModelProblemSpec } from '../state/problem-spec';
import { useAppStore } from '../state/store';
import { replaceIdxFiles } from './idx-files';
import { loadProblem } from './problem';

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/**
 * Loads `files` as Fashion-MNIST with the current model where it fits 28x28x1 images (else the
 * small CNN); `examples` training images (by default as many as the loaded Fashion-MNIST problem
 * uses, else FASHION_DEFAULT_EXAMPLES), at most as many held out. Resolves to whether it loaded.
 */
export async function loadIdxFiles(files: readonly File[], examples?: number): Promise<boolean> {
  const st = useAppStore.getState();
  const current = st.setup.problem;
  const count = examples ?? (current.kind === 'model' && current.dataset === 'fashion-mnist' ? current.examples : FASHION_DEFAULT_EXAMPLES);
  const big = files.find((f) => f.size > LIMITS.fileBytes);
  if (big) {
    st.setNotice({ kind: 'error', text: `${big.name}: ${mebibytes(big.size)} is over the ${mebibytes(LIMITS.fileBytes)} file limit (LIMITS.fileBytes); nothing was loaded` });
    return false;
  }
  const upload = await Promise.all(files.map(async (f) => ({ name: f.name.slice(0, 256), bytes: new Uint8Array(await f.arrayBuffer()) })));
  const inputShape = [28, 28, 1];
  const model = current.kind === 'model' && modelParamCount(current.model, inputShape).ok ? current.model : getModelPreset('small-cnn').layers;
  const spec: ModelProblemSpec = {
    kind: 'model',
    dataset: 'fashion-mnist',
    inputShape,
    examples: count,
    model,
    weightDecay: current.kind === 'model' ? current.weightDecay : 1e-4,
    initSeed: current.kind === 'model' ? current.initSeed : 7,
    files: upload.map((f) => f.name),
  };
  const before = replaceIdxFiles(upload);
  const loaded = await loadProblem(spec);
  if (loaded) useAppStore.getState().setNotice({ kind: 'info', text: `Loaded Fashion-MNIST from ${spec.files!.join(', ')}.` });
  else replaceIdxFiles(before);
  return loaded;
}
