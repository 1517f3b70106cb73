/** The flags that build a problem from a built-in dataset and a layer list instead of a problem file. */
import { type FlagSpec, limited } from './flags';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export const DATA_FLAGS: FlagSpec[] = [
  { name: 'data', kind: 'choice', choices: ['digits', 'fashion-mnist'], help: 'build the problem from a dataset and --model instead of --problem' },
  { name: 'model', kind: 'string', value: 'FILE', help: 'layer list (JSON: a list of layers, or {"model", "input_shape"?, "loss"?, "weight_decay"?, "params"?})' },
  { name: 'idx', kind: 'string', value: 'DIR', help: `folder of Fashion-MNIST's IDX files (default ${FASHION_MNIST_DIR})` },
  limited({ name: 'examples', kind: 'integer', min: 1, limit: 'rows', help: 'training examples (default: digits all 1346 training rows, fashion-mnist 1000)' }),
];
