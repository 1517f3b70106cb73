import { useEffect, useState, type ReactElement } from 'react';
import { loadIdxFiles, loadProblemFile } from '../controllers/intents';

const isIdxName = (file: File): boolean => /ubyte|\.idx\d?(\.gz)?$/i.test(file.name);

/** Accepts a problem file or CSV dropped anywhere on the page. */
export function DropZone(): ReactElement | null {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent): void => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      // IDX files (Fashion-MNIST's *-ubyte(.gz)) come as a set: they load together as one model problem
      if (files.length > 0 && files.every(isIdxName)) void loadIdxFiles(files);
      else if (files[0]) void loadProblemFile(files[0]);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over ? <div className="dropzone">Drop a problem file (.json), a CSV of x1,x2,label, or Fashion-MNIST's IDX files</div> : null;
}
