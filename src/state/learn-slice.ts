/** The Learn path: whether it is open, which chapter is read, and the intent that applies a chapter's setup. */
import type { StateCreator } from 'zustand';
import { getChapter } from '../core/learn/chapters';
import { chapterUrlState } from './learn-setup';
import type { AppState } from './store';

export interface LearnSlice {
  learnOpen: boolean;
  chapter: string | null;
  setLearnOpen(open: boolean): void;
  /** Puts the chapter's setup, view and network settings in the store; the controller loads the problem. */
  applyChapter(id: string): void;
}

export const createLearnSlice: StateCreator<AppState, [], [], LearnSlice> = (set) => ({
  learnOpen: false,
  chapter: null,
  setLearnOpen: (learnOpen) => set({ learnOpen }),
  applyChapter: (id) =>
    set((s) => {
      const chapter = getChapter(id);
      if (!chapter) return {};
      const next = chapterUrlState(chapter.setup, { setup: s.setup, mode: s.mode, network: s.network });
      return { chapter: id, setup: next.setup, mode: next.mode, network: next.network };
    }),
});
