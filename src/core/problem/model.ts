/**
 * Networks as layer lists (shared/fixtures/README.md, "Models: layer lists"): the layer types with
 * their fields, shape inference through the list, and the flat parameter layout in the documented
 * order. Each layer type is one entry of LAYER_TYPES; the engine registry (src/engine/layers/)
 * pairs every entry with its passes, so a new type is added in those two places and its tests.
 */
import { z } from 'zod';
import { ACTIVATIONS, type Activation } from './problem';

export interface DenseSpec {
  type: 'dense';
  units: number;
}
export interface Conv2dSpec {
  type: 'conv2d';
  filters: number;
  kernel: number;
  stride: number;
  padding: 'same' | 'valid';
}
export interface ActivationSpec {
  type: 'activation';
  fn: Activation;
}
export interface PoolSpec {
  type: 'maxpool' | 'avgpool';
  size: number;
}
export interface GlobalAvgPoolSpec {
  type: 'global_avgpool';
}
export interface FlattenSpec {
  type: 'flatten';
}
export interface LayerNormSpec {
  type: 'layernorm';
  eps: number;
}
export interface ResidualSpec {
  type: 'residual';
  body: LayerSpec[];
}

export type LayerSpec =
  | DenseSpec
  | Conv2dSpec
  | ActivationSpec
  | PoolSpec
  | GlobalAvgPoolSpec
  | FlattenSpec
  | LayerNormSpec
  | ResidualSpec;

export type LayerType = LayerSpec['type'];

/** [H, W, C] for images, [D] for vectors. */
export type Shape = readonly number[];

/** Which rule filter-normalised directions apply: weights per filter (last axis), others per entry. */
export type ParamRole = 'weight' | 'bias' | 'gain';

/** One parameter tensor in the flat vector, row-major. For a weight, the last axis indexes its filters (output units or channels). */
export interface ParamTensor {
  name: string;
  role: ParamRole;
  offset: number;
  shape: number[];
  size: number;
}

/** A layer after shape inference. */
export interface LayerNode {
  spec: LayerSpec;
  /** `model[2].body[0]`: how messages and per-layer views name it. */
  path: string;
  inShape: number[];
  outShape: number[];
  /** Where the layer's own parameters start, and how many (a residual's are its body's). */
  offset: number;
  size: number;
  tensors: ParamTensor[];
  body?: LayerNode[];
}

/** One parametrised layer's parameters: the unit of per-layer curvature. */
export interface ParamBlock {
  label: string;
  path: string;
  type: LayerType;
  offset: number;
  size: number;
  tensors: ParamTensor[];
}

export interface ModelLayout {
  inputShape: number[];
  outputShape: number[];
  nodes: LayerNode[];
  numParams: number;
  /** Parametrised layers in parameter order (a residual's body layers appear in place). */
  blocks: ParamBlock[];
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}

/** What a layer type contributes: its fields' schema (defaults filled in) and its shape rule. */
interface LayerTypeDef {
  schema: z.ZodType<LayerSpec>;
  /** Output shape and parameter tensors (offsets relative to the layer), or a message saying why the input does not fit. */
  infer(spec: LayerSpec, inShape: number[]): { outShape: number[]; tensors: Omit<ParamTensor, 'offset' | 'size'>[] } | string;
}

const positiveInt = z.int({ error: 'expected a positive integer' }).positive('expected a positive integer');

function shapeText(s: readonly number[]): string {
  return s.join('x');
}

function needsImage(type: string, inShape: number[]): string | null {
  return inShape.length === 3 ? null : `expects an image input [H, W, C], got ${shapeText(inShape)}; ${type} needs a spatial input`;
}

const none = (): Omit<ParamTensor, 'offset' | 'size'>[] => [];

function pool(spec: LayerSpec, inShape: number[]): ReturnType<LayerTypeDef['infer']> {
  const { size } = spec as PoolSpec;
  const bad = needsImage(spec.type, inShape);
  if (bad) return bad;
  const [H, W, C] = inShape;
  if (size > H || size > W) return `size ${size} is larger than its ${H}x${W} input`;
  return { outShape: [Math.floor(H / size), Math.floor(W / size), C], tensors: none() };
}

export const LAYER_TYPES: Record<LayerType, LayerTypeDef> = {
  dense: {
    schema: z.strictObject({ type: z.literal('dense'), units: positiveInt }),
    infer(spec, inShape) {
      const { units } = spec as DenseSpec;
      if (inShape.length !== 1) return `input is ${shapeText(inShape)}; dense needs a flat input (add a flatten or global_avgpool before it)`;
      return {
        outShape: [units],
        tensors: [
          { name: 'W', role: 'weight', shape: [inShape[0], units] },
          { name: 'b', role: 'bias', shape: [units] },
        ],
      };
    },
  },
  conv2d: {
    schema: z.strictObject({
      type: z.literal('conv2d'),
      filters: positiveInt,
      kernel: positiveInt,
      stride: positiveInt.default(1),
      padding: z.enum(['same', 'valid'], { error: 'expected "same" or "valid"' }).default('same'),
    }),
    infer(spec, inShape) {
      const { filters, kernel, stride, padding } = spec as Conv2dSpec;
      const bad = needsImage('conv2d', inShape);
      if (bad) return bad;
      const [H, W, C] = inShape;
      if (kernel > H || kernel > W) return `kernel ${kernel} is larger than its ${H}x${W} input`;
      const out = (n: number): number => (padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - kernel) / stride) + 1);
      return {
        outShape: [out(H), out(W), filters],
        tensors: [
          { name: 'kernel', role: 'weight', shape: [kernel, kernel, C, filters] },
          { name: 'b', role: 'bias', shape: [filters] },
        ],
      };
    },
  },
  activation: {
    schema: z.strictObject({
      type: z.literal('activation'),
      fn: z.enum(ACTIVATIONS, { error: (iss) => `unknown ${JSON.stringify(iss.input)}; expected one of ${ACTIVATIONS.join(', ')}` }),
    }),
    infer: (_spec, inShape) => ({ outShape: [...inShape], tensors: none() }),
  },
  maxpool: { schema: z.strictObject({ type: z.literal('maxpool'), size: positiveInt }), infer: pool },
  avgpool: { schema: z.strictObject({ type: z.literal('avgpool'), size: positiveInt }), infer: pool },
  global_avgpool: {
    schema: z.strictObject({ type: z.literal('global_avgpool') }),
    infer(spec, inShape) {
      return needsImage(spec.type, inShape) ?? { outShape: [inShape[2]], tensors: none() };
    },
  },
  flatten: {
    schema: z.strictObject({ type: z.literal('flatten') }),
    infer: (_spec, inShape) => ({ outShape: [inShape.reduce((a, b) => a * b, 1)], tensors: none() }),
  },
  layernorm: {
    schema: z.strictObject({ type: z.literal('layernorm'), eps: z.number().positive('expected a positive number').default(1e-5) }),
    infer(_spec, inShape) {
      const C = inShape[inShape.length - 1];
      return {
        outShape: [...inShape],
        tensors: [
          { name: 'g', role: 'gain', shape: [C] },
          { name: 'b', role: 'bias', shape: [C] },
        ],
      };
    },
  },
  residual: {
    // The body is validated layer by layer in inferLayers, so its messages name the body layer.
    schema: z.strictObject({ type: z.literal('residual'), body: z.array(z.unknown(), { error: 'expected a layer list' }).min(1, 'expected at least one layer') }) as unknown as z.ZodType<LayerSpec>,
    infer: () => 'handled by inferLayers',
  },
};

export const LAYER_TYPE_NAMES = Object.keys(LAYER_TYPES) as LayerType[];

function zodMessage(path: string, type: string, error: z.ZodError): string {
  const first = error.issues[0];
  const field = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return `${path} (${type}): ${field}${first.message}`;
}

/** Validates one layer object's fields (not its shapes), filling in defaults. */
function parseSpec(raw: unknown, path: string): LayerSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ModelError(`${path}: expected a layer object with a "type"`);
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in LAYER_TYPES)) {
    throw new ModelError(`${path}: unknown layer type ${JSON.stringify(type)}; expected one of ${LAYER_TYPE_NAMES.join(', ')}`);
  }
  const parsed = LAYER_TYPES[type as LayerType].schema.safeParse(raw);
  if (!parsed.success) throw new ModelError(zodMessage(path, type, parsed.error));
  if (parsed.data.type === 'residual') {
    const body = (parsed.data as unknown as { body: unknown[] }).body.map((b, i) => parseSpec(b, `${path}.body[${i}]`));
    return { type: 'residual', body };
  }
  return parsed.data;
}

function inferLayers(specs: LayerSpec[], inShape: number[], offset: number, prefix: string): { nodes: LayerNode[]; outShape: number[]; end: number } {
  const nodes: LayerNode[] = [];
  let shape = inShape;
  let at = offset;
  specs.forEach((spec, i) => {
    const path = `${prefix}[${i}]`;
    if (spec.type === 'residual') {
      const inner = inferLayers(spec.body, shape, at, `${path}.body`);
      if (shapeText(inner.outShape) !== shapeText(shape)) {
        throw new ModelError(`${path} (residual): its body maps ${shapeText(shape)} to ${shapeText(inner.outShape)}; a residual body must keep its input's shape`);
      }
      nodes.push({ spec, path, inShape: shape, outShape: shape, offset: at, size: inner.end - at, tensors: [], body: inner.nodes });
      at = inner.end;
      return;
    }
    const result = LAYER_TYPES[spec.type].infer(spec, shape);
    if (typeof result === 'string') throw new ModelError(`${path} (${spec.type}): ${result}`);
    let local = at;
    const tensors = result.tensors.map((t) => {
      const size = t.shape.reduce((a, b) => a * b, 1);
      const placed = { ...t, offset: local, size };
      local += size;
      return placed;
    });
    nodes.push({ spec, path, inShape: shape, outShape: result.outShape, offset: at, size: local - at, tensors });
    shape = result.outShape;
    at = local;
  });
  return { nodes, outShape: shape, end: at };
}

function collectBlocks(nodes: readonly LayerNode[], out: ParamBlock[]): ParamBlock[] {
  for (const node of nodes) {
    if (node.body) collectBlocks(node.body, out);
    else if (node.size > 0) {
      const dims = node.tensors.map((t) => t.shape.join('x')).join(' + ');
      out.push({ label: `${node.path} ${node.spec.type} (${dims})`, path: node.path, type: node.spec.type, offset: node.offset, size: node.size, tensors: node.tensors });
    }
  }
  return out;
}

/** Checks `model` (raw JSON) against `inputShape` and returns the validated specs with their layout; throws ModelError naming the layer at fault. */
export function parseModel(rawModel: unknown, inputShape: readonly number[]): { specs: LayerSpec[]; layout: ModelLayout } {
  if (!Array.isArray(rawModel) || rawModel.length === 0) throw new ModelError('model: expected a non-empty list of layers');
  if (inputShape.length !== 1 && inputShape.length !== 3) {
    throw new ModelError(`input_shape: expected [H, W, C] or [D], got [${inputShape.join(', ')}]`);
  }
  const specs = rawModel.map((raw, i) => parseSpec(raw, `model[${i}]`));
  return { specs, layout: modelLayout(specs, inputShape) };
}

/** Shape inference and parameter layout of validated specs. */
export function modelLayout(specs: LayerSpec[], inputShape: readonly number[]): ModelLayout {
  const { nodes, outShape, end } = inferLayers(specs, [...inputShape], 0, 'model');
  if (outShape.length !== 1) {
    throw new ModelError(`model: the last layer's output is ${shapeText(outShape)}; the logits must be flat (end with flatten, global_avgpool or dense)`);
  }
  return { inputShape: [...inputShape], outputShape: outShape, nodes, numParams: end, blocks: collectBlocks(nodes, []) };
}

/** `layers` + `activation` as the layer list it stands for: dense layers with the activation after each hidden one. */
export function denseModel(layers: readonly number[], activation: Activation): LayerSpec[] {
  const specs: LayerSpec[] = [];
  for (let l = 1; l < layers.length; l++) {
    specs.push({ type: 'dense', units: layers[l] });
    if (l < layers.length - 1) specs.push({ type: 'activation', fn: activation });
  }
  return specs;
}

/** The specs back as problem-file JSON (defaults written out). */
export function modelToJson(specs: readonly LayerSpec[]): unknown[] {
  return specs.map((s) => (s.type === 'residual' ? { type: 'residual', body: modelToJson(s.body) } : { ...s }));
}
