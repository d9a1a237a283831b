import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'className'> {
  variant?: Variant;
  /** Shown instead of the children while an action runs; the button is then disabled. */
  busy?: boolean;
  busyLabel?: string;
  testId?: string;
  children: ComponentChildren;
}

/** A large-target button; `type="button"` unless it submits a form. */
export function Button({
  variant = 'secondary',
  busy = false,
  busyLabel,
  testId,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={`button button-${variant}`}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
      data-testid={testId}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

interface LinkButtonProps {
  href: string;
  variant?: Variant;
  testId?: string;
  children: ComponentChildren;
}

/** A link that looks like a button (navigation stays a link). */
export function LinkButton({ href, variant = 'secondary', testId, children }: LinkButtonProps) {
  return (
    <a href={href} class={`button button-${variant}`} data-testid={testId}>
      {children}
    </a>
  );
}
