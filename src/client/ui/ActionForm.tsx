import type { ComponentChildren } from 'preact';
import { Banner } from './Banner';
import { Button } from './Button';
import type { Action } from './useAction';

interface ActionFormProps {
  /** The form's `useAction`: its busy state and its error. */
  action: Pick<Action, 'busy' | 'error'>;
  /** Called on submit (Enter or the button), the page's default submit prevented. */
  onSubmit: () => void;
  testId: string;
  class?: string;
  /** Other `data-*` attributes of the form. */
  data?: Record<string, string | number>;
  errorTestId: string;
  submitLabel: string;
  busyLabel: string;
  submitTestId: string;
  /** The fields, above the error. */
  children: ComponentChildren;
  /** Below the submit button (e.g. another way in). */
  footer?: ComponentChildren;
}

/** A small form that does one thing (sign in, unlock, choose a PIN): fields, error, one button. */
export function ActionForm(props: ActionFormProps) {
  const { action } = props;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form
      class={props.class}
      onSubmit={onSubmit}
      noValidate
      data-testid={props.testId}
      {...props.data}
    >
      {props.children}
      {action.error && (
        <Banner tone="error" testId={props.errorTestId}>
          {action.error}
        </Banner>
      )}
      <Button
        type="submit"
        variant="primary"
        busy={action.busy}
        busyLabel={props.busyLabel}
        testId={props.submitTestId}
      >
        {props.submitLabel}
      </Button>
      {props.footer}
    </form>
  );
}
