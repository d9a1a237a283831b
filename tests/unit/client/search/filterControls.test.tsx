// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AdlGroupSelect, FlagChips } from '../../../../src/client/features/search/FilterPanel';
import { session } from '../../../../src/client/session/state';
import type { Role } from '../../../../src/shared/model/user';
import { LOGIN_OK } from '../helpers';

// The vulnerable-group filters are offered only where the device can work them out: every
// screen that shows FlagChips or AdlGroupSelect gets the same rule from them.

const ALL = ['elderly', 'disabled', 'bedridden', 'missingData', 'eligibleNotReceiving'] as const;

function renderFiltersAs(role: Role) {
  session.value = { ...LOGIN_OK, user: { ...LOGIN_OK.user, role } };
  render(
    <div>
      <FlagChips flags={ALL} isOn={() => false} onToggle={() => undefined} testPrefix="f-" />
      <AdlGroupSelect value="" onChange={() => undefined} testId="f-adl" />
    </div>,
  );
}

const chips = () => screen.queryAllByRole('checkbox').map((box) => box.getAttribute('data-testid'));

afterEach(() => {
  cleanup();
  session.value = null;
});

describe('the filter controls by what the device receives', () => {
  it('offers a welfare officer every flag and the ADL group, with no note', () => {
    renderFiltersAs('welfare');
    expect(chips()).toEqual(ALL.map((flag) => `f-${flag}`));
    expect(screen.queryByTestId('f-adl')).not.toBeNull();
    expect(screen.queryByTestId('filters-withheld')).toBeNull();
  });

  it("offers an admin's device only the age flag and says the others are withheld", () => {
    renderFiltersAs('admin');
    expect(chips()).toEqual(['f-elderly']);
    expect(screen.queryByTestId('f-adl')).toBeNull();
    expect(screen.getByTestId('filters-withheld').textContent).toMatch(/\S/);
  });
});
