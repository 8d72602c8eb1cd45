import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A native modal dialog with a titled header and a Close button. Escape, Close and the
 * owner's own closing all end in `onClose`, so the owner only unmounts it.
 */
export function ModalDialog({ label, className, onClose, children }: { label: string; className: string; onClose(): void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog ref={dialog} className={className} aria-label={label} onClose={onClose} onCancel={onClose}>
      <header className="export-dialog__header">
        <h2>{label}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      {children}
    </dialog>
  );
}
