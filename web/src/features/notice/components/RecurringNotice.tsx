// The recurring logging notice (CTL-4, INS-3): a modal in the app shell whenever the user is due to acknowledge it.
// It cannot be dismissed without acknowledging (Escape is ignored); the server records the acknowledgement.
import { useEffect, useId, useRef } from 'react';
import { Alert, Button } from '../../../shared/ui/components.tsx';
import { useAcknowledgeNotice, useNoticeStatus } from '../api/notice.ts';

/** Shows the notice as a modal when due; renders nothing otherwise. */
export function RecurringNotice() {
  const status = useNoticeStatus();
  if (!status.data?.due) return null;
  return <NoticeDialog version={status.data.version} title={status.data.title} paragraphs={status.data.paragraphs} />;
}

function NoticeDialog({ version, title, paragraphs }: { version: number; title: string; paragraphs: string[] }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const acknowledge = useAcknowledgeNotice();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const keepOpen = (event: Event) => event.preventDefault();
    dialog.addEventListener('cancel', keepOpen);
    return () => {
      dialog.removeEventListener('cancel', keepOpen);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-testid="recurring-notice">
      <h2 id={titleId}>{title}</h2>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {acknowledge.isError && <Alert tone="error">{acknowledge.error.message}</Alert>}
      <div className="dialog-actions">
        <Button onClick={() => acknowledge.mutate(version)} disabled={acknowledge.isPending}>
          Jeg har læst og forstået
        </Button>
      </div>
    </dialog>
  );
}
