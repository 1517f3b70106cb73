/** The decision-boundary view's one request: class regions of a classification network at an iterate or at its start. */
import { decisionGridSchema, type DecisionGrid, type DecisionGridRequest } from '../protocol/decision';
import { checkResult } from '../protocol/parse';
import { worker } from './worker-link';

let latest = 0;

/** The grid, or null when a newer request replaced this one or the problem has no classes to draw. */
export async function decisionGridAt(request: DecisionGridRequest): Promise<DecisionGrid | null> {
  const mine = ++latest;
  const grid = checkResult('decision grid', decisionGridSchema.nullable(), await worker().decisionGrid(request));
  return mine === latest ? grid : null;
}
