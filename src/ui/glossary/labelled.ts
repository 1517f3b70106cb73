/**
 * Where the views label each quantity: the file, the label it prints and the glossary entry its
 * "?" opens. The glossary test checks each label is still in its file, with its tip beside it.
 */
export interface LabelledQuantity {
  term: string;
  file: string;
  label: string;
}

export const LABELLED: readonly LabelledQuantity[] = [
  { term: 'lambda-max', file: 'src/ui/CurvaturePanel.tsx', label: 'λ max' },
  { term: 'lambda-min', file: 'src/ui/CurvaturePanel.tsx', label: 'λ min' },
  { term: 'condition-number', file: 'src/ui/CurvaturePanel.tsx', label: 'condition' },
  { term: 'gradient-norm', file: 'src/ui/CurvaturePanel.tsx', label: '‖∇f‖' },
  { term: 'gradient-norm', file: 'src/App.tsx', label: 'Gradient norm' },
  { term: 'filter-normalised', file: 'src/App.tsx', label: 'filter-normalised plane' },
  { term: 'hvp', file: 'src/ui/ResultsTable.tsx', label: 'nhvp' },
  { term: 'lambda-max', file: 'src/ui/network/TrainingSection.tsx', label: 'λ_max' },
  { term: 'lambda-min', file: 'src/ui/network/TrainingSection.tsx', label: 'λ_min' },
  { term: 'two-over-eta', file: 'src/ui/network/TrainingSection.tsx', label: '2/η' },
  { term: 'trace', file: 'src/ui/network/TrainingSection.tsx', label: 'trace ± s.e.' },
  { term: 'gradient-norm', file: 'src/ui/network/TrainingSection.tsx', label: '‖∇L‖' },
  { term: 'hvp', file: 'src/ui/network/TrainingSection.tsx', label: 'HVPs' },
  { term: 'slq-density', file: 'src/ui/network/DensitySection.tsx', label: 'Spectral density' },
  { term: 'sharpness', file: 'src/ui/network/MiniBatchSection.tsx', label: 'Mini-batch vs full-batch λ_max' },
  { term: 'filter-normalised', file: 'src/ui/network/SurfaceSection.tsx', label: 'directions' },
  { term: 'lambda-max', file: 'src/ui/network/HessianSection.tsx', label: 'λ_max' },
  { term: 'trace', file: 'src/ui/network/HessianSection.tsx', label: 'trace' },
  { term: 'hvp', file: 'src/ui/network/HessianSection.tsx', label: 'HVPs' },
];
