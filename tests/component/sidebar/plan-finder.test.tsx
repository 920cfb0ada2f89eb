// @vitest-environment jsdom
import { describe, it, expect, afterEach } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlanFinder } from '../../../components/sidebar/plan-finder';
import { CatalogSchema, EXAMPLE_CATALOG } from '../../../lib/catalog';
import type { PageEsim } from '../../../lib/portal/page-context';
import { renderWithI18n } from '../render';
import { axeViolations } from './axe';
import { FULL, ONE_PROFILE_7, PARTIAL } from './contexts';

afterEach(cleanup);

/** The "where it can go" cell of a plan's row. */
function whereFor(planName: string): string {
  const row = screen.getByRole('row', { name: new RegExp(`^${planName}`) });
  return within(row).getAllByRole('cell')[0]?.textContent ?? '';
}

async function search(query: string) {
  const box = screen.getByRole('searchbox', { name: 'Destination or plan' });
  await userEvent.clear(box);
  await userEvent.type(box, query);
}

describe('PlanFinder (seed 001: a plan goes on an eSIM with its IMSI profile, else Add line)', () => {
  // Table: query, subscriber's eSIMs, plan, expected where-it-goes text.
  const cases: Array<[string, string, readonly PageEsim[], string, string[], string[]]> = [
    ['Asia 1 for one profile-7 eSIM → Add line "Asia"', 'Asia 1', ONE_PROFILE_7.esims, 'Asia 1', ['Add line: name it “Asia” (new eSIM with profile 10)'], ['Add plan on eSIM']],
    ['Asia 1 for profiles 7+10 → the "Japan" eSIM', 'Asia 1', FULL.esims, 'Asia 1', ['Add plan on eSIM “Japan” 8944 5000 1225 1002 0020', 'or Add line'], ['“France”']],
    ['Japan (country) for one profile-7 eSIM → Asia 1 by Add line named "Japan"', 'Japan', ONE_PROFILE_7.esims, 'Asia 1', ['Add line: name it “Japan” (new eSIM with profile 10)'], ['“Asia”']],
    ['Euro 1 for the profile-7 eSIM → Spain', 'Euro 1', ONE_PROFILE_7.esims, 'Euro 1', ['Add plan on eSIM “Spain” 8944 5000 1225 1001 0013'], []],
    ['FR ISO code → Euro plans on France', 'FR', FULL.esims, 'Euro 1', ['“France”'], ['“Japan”']],
    ['eSIM without profile → maybe', 'Asia 1', PARTIAL.esims, 'Asia 1', ['Maybe eSIM “Travel”: its IMSI profile is not shown', 'Add line: name it “Asia”'], []],
  ];
  it.each(cases)('%s', async (_name, query, esims, plan, contains, excludes) => {
    renderWithI18n(<PlanFinder catalog={EXAMPLE_CATALOG} source="example" esims={esims} />);
    await search(query);
    const where = whereFor(plan);
    for (const text of contains) expect(where).toContain(text);
    for (const text of excludes) expect(where).not.toContain(text);
  });

  it('says the catalog is example data, has an accessible table, and passes axe', async () => {
    const { container } = renderWithI18n(<PlanFinder catalog={EXAMPLE_CATALOG} source="example" esims={FULL.esims} />);
    expect(screen.getByRole('note').textContent).toContain('Example catalog');
    await search('asia');
    expect(screen.getByRole('table', { name: 'Plans matching “asia” and where they can go' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Where it can go' })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('finds by French country name and answers in French', async () => {
    renderWithI18n(<PlanFinder catalog={EXAMPLE_CATALOG} source="example" esims={ONE_PROFILE_7.esims} />, { locale: 'fr' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Destination ou forfait' }), 'Japon');
    expect(whereFor('Asia 1')).toContain('Ajouter une ligne\u00a0: la nommer «\u00a0Japon\u00a0» (nouvelle eSIM au profil 10)');
  });

  it('says when nothing matches', async () => {
    renderWithI18n(<PlanFinder catalog={EXAMPLE_CATALOG} source="example" esims={FULL.esims} />);
    await search('Mars Explorer');
    expect(screen.getByRole('status').textContent).toBe('No plan of the catalog matches “Mars Explorer”.');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('uses a stored catalog without the example note, and flags an invalid one', () => {
    const own = CatalogSchema.parse({
      name: 'Reseller',
      version: '1',
      plans: [{ id: 'asia-x', name: 'Asia X', region: 'Asia', countries: ['JP'], imsiProfile: 7, dataAllowanceMb: 1000 }],
    });
    renderWithI18n(<PlanFinder catalog={own} source="stored" esims={ONE_PROFILE_7.esims} initialQuery="Japan" />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(whereFor('Asia X')).toContain('Add plan on eSIM “Spain”');
    cleanup();
    renderWithI18n(<PlanFinder catalog={EXAMPLE_CATALOG} source="stored-invalid" esims={[]} />);
    expect(screen.getByRole('note').textContent).toContain('The saved plan catalog is not valid');
  });
});
