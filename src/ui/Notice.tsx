import type { ReactElement } from 'react';
import { useAppStore } from '../state/store';

export function NoticeBar(): ReactElement | null {
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span data-testid={notice.kind === 'error' ? 'error-message' : 'info-message'}>{notice.text}</span>
      <button type="button" className="link" onClick={() => setNotice(null)} aria-label="dismiss">
        ✕
      </button>
    </div>
  );
}
