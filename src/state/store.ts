/** The one store: slices per concern (what was chosen, what ran, what the worker reported). */
import { create } from 'zustand';
import { createComputeSlice, type ComputeSlice } from './compute-slice';
import { createLearnSlice, type LearnSlice } from './learn-slice';
import { createNetworkSlice, type NetworkSlice } from './network-slice';
import { createRequestSlice, type RequestSlice } from './request-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';
import { createStudiesSlice, type StudiesSlice } from './studies-slice';

export type AppState = SetupSlice & RunSlice & ComputeSlice & NetworkSlice & RequestSlice & LearnSlice & StudiesSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSetupSlice(...a),
  ...createRunSlice(...a),
  ...createComputeSlice(...a),
  ...createNetworkSlice(...a),
  ...createRequestSlice(...a),
  ...createLearnSlice(...a),
  ...createStudiesSlice(...a),
}));
