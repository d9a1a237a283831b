import type { ComponentChildren } from 'preact';

/** One titled part of a long survey form (`<id>-title` labels it). */
export function FormSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section class="form-section survey-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
