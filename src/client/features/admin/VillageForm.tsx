import { CreateVillageRequest, UpdateVillageRequest } from '../../../shared/api/admin';
import { type Village, villageCode } from '../../../shared/model/organization';
import { normalizeThaiDigits } from '../../../shared/rules/thaiDate';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { useForm } from '../../ui/form/useForm';
import { t } from '../../ui/i18n';
import type { FormatMessages } from '../../ui/validation';
import { adminApi, changedFields } from './adminApi';

const FORMAT_MESSAGES: FormatMessages = { code: 'validation.villageCode' };

interface VillageValues extends Record<string, string> {
  mooNo: string;
  name: string;
  code: string;
}

/** The typed-in text as the request: หมู่ as a number (Thai digits accepted), code as typed. */
function toVillageInput(values: VillageValues) {
  const moo = normalizeThaiDigits(values.mooNo).trim();
  return {
    mooNo: moo === '' ? undefined : Number(moo),
    name: values.name,
    code: normalizeThaiDigits(values.code).trim(),
  };
}

interface VillageFormProps {
  /** Absent: a new village. */
  village?: Village;
  /** The organization's 6-digit sub-district code, for the default village code. */
  subdistrictCode: string | null;
  onSaved: (mooNo: number) => void;
  onCancel: () => void;
}

/**
 * หมู่ที่, name and the 8-digit code. The code follows the หมู่ number (sub-district code +
 * 2-digit หมู่) until the user types a code of their own.
 */
export function VillageForm({ village, subdistrictCode, onSaved, onCancel }: VillageFormProps) {
  const initial: VillageValues = {
    mooNo: village ? String(village.mooNo) : '',
    name: village?.name ?? '',
    code: village?.code ?? '',
  };
  const form = useForm({
    initial,
    schema: village ? UpdateVillageRequest : CreateVillageRequest,
    toInput: toVillageInput,
    formatMessages: FORMAT_MESSAGES,
  });

  const defaultCode = (mooNo: string) => {
    const moo = Number(normalizeThaiDigits(mooNo).trim());
    return subdistrictCode && Number.isInteger(moo) && moo >= 1 && moo <= 99
      ? villageCode(subdistrictCode, moo)
      : '';
  };
  // The code follows the หมู่ number until someone types a different code.
  const codeFollowsMoo =
    form.values.code === '' || form.values.code === defaultCode(form.values.mooNo);

  const setMooNo = (mooNo: string) => {
    form.set('mooNo', mooNo);
    if (codeFollowsMoo) form.set('code', defaultCode(mooNo));
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    let mooNo = 0;
    const ok = await form.submit(async (body) => {
      if (village) {
        const changes = changedFields(village, body);
        if (Object.keys(changes).length > 0) await adminApi.updateVillage(village.id, changes);
      } else {
        await adminApi.createVillage(body as CreateVillageRequest);
      }
      mooNo = Number(body.mooNo ?? village?.mooNo);
    });
    if (ok) {
      form.reset(form.values);
      onSaved(mooNo);
    }
  };

  return (
    <form class="form card" data-testid="village-form" onSubmit={onSubmit} noValidate>
      <h2>
        {village ? t('villages.editTitle', { mooNo: village.mooNo }) : t('villages.createTitle')}
      </h2>
      <TextField
        id="village-moo"
        label={t('villages.mooNo')}
        inputMode="numeric"
        value={form.values.mooNo}
        onInput={setMooNo}
        onBlur={() => form.touch('mooNo')}
        error={form.error('mooNo')}
        maxLength={2}
      />
      <TextField
        id="village-name"
        label={t('villages.name')}
        value={form.values.name}
        onInput={(value) => form.set('name', value)}
        onBlur={() => form.touch('name')}
        error={form.error('name')}
        maxLength={100}
      />
      <TextField
        id="village-code"
        label={t('villages.code')}
        inputMode="numeric"
        value={form.values.code}
        onInput={(value) => form.set('code', value)}
        onBlur={() => form.touch('code')}
        error={form.error('code')}
        hint={subdistrictCode ? t('villages.codeHint', { subdistrictCode }) : undefined}
        maxLength={8}
      />
      {form.formError && <Banner tone="error">{form.formError}</Banner>}
      <div class="actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button
          type="submit"
          variant="primary"
          busy={form.submitting}
          busyLabel={t('common.saving')}
          disabled={Boolean(village) && !form.isDirty}
          testId="village-submit"
        >
          {village ? t('common.save') : t('villages.create')}
        </Button>
      </div>
    </form>
  );
}
