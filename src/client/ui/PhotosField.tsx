import type { AttachmentRef } from '../../shared/model/household';
import { Button } from './Button';
import { describedBy, FieldMessages, fieldClass } from './Field';
import { t } from './i18n';
import { Photo } from './Photo';
import { PhotoInput } from './PhotoInput';

interface PhotosFieldProps {
  id: string;
  legend: string;
  photos: readonly AttachmentRef[];
  onChange: (photos: AttachmentRef[]) => void;
  /** How many the record may hold (the schema's maximum). */
  max: number;
  hint?: string;
  error?: string | undefined;
  camera?: boolean;
  /** The field; inside it `<testId>-add` (the picker), `-item`, `-remove-<index>`. */
  testId: string;
}

/** Photos of a record: thumbnails, each removable, and a button to take or pick more. */
export function PhotosField(props: PhotosFieldProps) {
  const { id, legend, photos, onChange, max, hint, error, camera, testId } = props;
  const add = (ref: AttachmentRef) => {
    // The same photo picked twice is stored once (it has one SHA-256).
    if (!photos.some((photo) => photo.sha256 === ref.sha256)) onChange([...photos, ref]);
  };
  return (
    <fieldset
      class={fieldClass(error, 'photos-field')}
      aria-describedby={describedBy(id, error)}
      data-testid={testId}
    >
      <legend>{legend}</legend>
      {hint && <p class="field-hint">{hint}</p>}
      {photos.length > 0 && (
        <ul class="photo-thumbs">
          {photos.map((photo, index) => (
            <li key={photo.sha256} class="photo-thumb" data-testid={`${testId}-item`}>
              <Photo sha256={photo.sha256} alt={t('photos.number', { number: index + 1 })} />
              <Button
                variant="danger"
                testId={`${testId}-remove-${index}`}
                aria-label={t('photos.removeNumber', { number: index + 1 })}
                onClick={() => onChange(photos.filter((p) => p.sha256 !== photo.sha256))}
              >
                {t('photos.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <PhotoInput
        id={`${testId}-add`}
        onAdd={add}
        camera={camera}
        multiple
        disabled={photos.length >= max}
      />
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}
