/** The Studies tab: which study is shown, its setup as typed, and what its last run reported. */
import type { StateCreator } from 'zustand';
import type { StudyReport } from '../core/studies/run';
import type { StudyProgress } from '../core/studies/types';
import type { AppState } from './store';

export interface StudiesSlice {
  studiesOpen: boolean;
  studyName: string;
  /** The setup as typed, per study (strings: lists comma-separated); validated by the study's schema when run. */
  studyInputs: Record<string, Record<string, string>>;
  studyRunning: boolean;
  studyProgress: StudyProgress | null;
  studyReports: Record<string, StudyReport>;
  studyError: string | null;
  setStudiesOpen(open: boolean): void;
  selectStudy(name: string): void;
  setStudyInput(name: string, key: string, value: string): void;
  replaceStudyInputs(name: string, inputs: Record<string, string>): void;
  studyStarted(): void;
  setStudyProgress(p: StudyProgress): void;
  studyFinished(report: StudyReport): void;
  studyStopped(error: string | null): void;
}

export const createStudiesSlice: StateCreator<AppState, [], [], StudiesSlice> = (set) => ({
  studiesOpen: false,
  studyName: 'edge-of-stability',
  studyInputs: {},
  studyRunning: false,
  studyProgress: null,
  studyReports: {},
  studyError: null,
  setStudiesOpen: (studiesOpen) => set({ studiesOpen }),
  selectStudy: (studyName) => set({ studyName, studyError: null }),
  setStudyInput: (name, key, value) => set((s) => ({ studyInputs: { ...s.studyInputs, [name]: { ...s.studyInputs[name], [key]: value } } })),
  replaceStudyInputs: (name, inputs) => set((s) => ({ studyInputs: { ...s.studyInputs, [name]: { ...inputs } } })),
  studyStarted: () => set({ studyRunning: true, studyProgress: { fraction: 0, message: 'starting' }, studyError: null }),
  setStudyProgress: (studyProgress) => set({ studyProgress }),
  studyFinished: (report) => set((s) => ({ studyRunning: false, studyProgress: null, studyReports: { ...s.studyReports, [report.study]: report } })),
  studyStopped: (studyError) => set({ studyRunning: false, studyProgress: null, studyError }),
});
