import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Button } from './Button';
import { t } from './i18n';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  children: ComponentChildren;
}

/** A modal question with Confirm and Cancel; Escape cancels. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-dialog-title"
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id="confirm-dialog-title">{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="actions">
        <Button onClick={props.onCancel} testId="confirm-cancel">
          {t('common.cancel')}
        </Button>
        <Button
          variant={props.danger ? 'danger' : 'primary'}
          busy={props.busy}
          onClick={props.onConfirm}
          testId="confirm-accept"
        >
          {props.confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
