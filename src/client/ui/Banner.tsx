import type { ComponentChildren } from 'preact';

interface BannerProps {
  tone: 'info' | 'success' | 'warning' | 'error';
  testId?: string;
  children: ComponentChildren;
}

/** A message box; errors are announced at once, the rest politely. */
export function Banner({ tone, testId, children }: BannerProps) {
  return (
    <div
      class={`banner banner-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
