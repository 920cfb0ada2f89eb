/** Realistic page contexts for the sidebar's component tests, modelled on the demo portal's seeds. */
import { PageContextSchema, type PageContext } from '../../../lib/portal/page-context';

/** The clock of every test: 15 June 2025, noon UTC. */
export const NOW = new Date('2025-06-15T12:00:00Z');

const base = { url: 'http://127.0.0.1:4000/portal/subscribers/S-1002', title: 'AP', readAt: NOW.toISOString() };

/** S-1002-like: two eSIMs (profiles 7 and 10), expired + active + pending plans, guard events. */
export const FULL: PageContext = PageContextSchema.parse({
  ...base,
  portalId: 'demo-portal',
  subscriber: { id: 'S-1002', name: 'Lucas Martin', planType: 'Unlimited All', unlimitedBundles: 0 },
  esims: [
    {
      lineName: 'France',
      iccid: '89445000122510020012',
      imsiProfile: 7,
      status: 'Active',
      plans: [
        { name: 'France', region: 'France', state: 'Expired', activatedAt: '2025-05-01', expiresAt: '2025-05-31' },
        { name: 'Euro 2', region: 'Europe', state: 'Active', activatedAt: '2025-06-10', expiresAt: '2025-07-10' },
      ],
    },
    {
      lineName: 'Japan',
      iccid: '89445000122510020020',
      imsiProfile: 10,
      status: 'Pending install',
      plans: [{ name: 'Japan', region: 'Japan', state: 'Pending activation' }],
    },
  ],
  iccids: ['89445000122510020012', '89445000122510020020'],
  guardEvents: [
    { kind: 'blocked', form: 'add-plan', at: '2025-06-15T11:58:00Z', planName: 'Asia 1', iccid: '89445000122510020012', reason: '"Asia 1" needs IMSI profile 10; this eSIM has profile 7.' },
    { kind: 'override', form: 'add-line', at: '2025-06-15T11:59:30Z', reason: 'Agent confirmed the bundles.' },
  ],
});

/** S-1001-like: one profile-7 eSIM. */
export const ONE_PROFILE_7: PageContext = PageContextSchema.parse({
  ...base,
  url: 'http://127.0.0.1:4000/portal/subscribers/S-1001',
  portalId: 'demo-portal',
  subscriber: { id: 'S-1001', name: 'Amira Haddad', planType: 'Unlimited All', unlimitedBundles: 0 },
  esims: [
    {
      lineName: 'Spain',
      iccid: '89445000122510010013',
      imsiProfile: 7,
      status: 'Active',
      plans: [{ name: 'Euro 1', region: 'Europe', state: 'Active', activatedAt: '2025-06-05', expiresAt: '2025-07-05' }],
    },
  ],
  iccids: ['89445000122510010013'],
});

/** A portal page where nothing was recognised. */
export const EMPTY: PageContext = PageContextSchema.parse({
  ...base,
  url: 'http://127.0.0.1:4000/portal/help',
  portalId: 'demo-portal',
  subscriber: null,
  esims: [],
  iccids: [],
});

/** A page no portal profile reads: the generic scanner's ICCIDs only. */
export const NO_PROFILE: PageContext = PageContextSchema.parse({
  ...base,
  url: 'http://localhost:9000/some/page',
  portalId: null,
  subscriber: null,
  esims: [],
  iccids: ['89445000122510010013', '8901260012251003019'],
});

/** Partial: no plan type, an eSIM without profile nor status, a plan without dates or state. */
export const PARTIAL: PageContext = PageContextSchema.parse({
  ...base,
  portalId: 'demo-portal',
  subscriber: { id: 'S-2000', unlimitedBundles: 1 },
  esims: [
    { lineName: 'Travel', iccid: '89445000122510040010', plans: [{ name: 'Asia 1' }] },
  ],
  iccids: ['89445000122510040010'],
});

/** Invalid data: an eSIM whose ICCID failed validation, and one without line name. */
export const INVALID: PageContext = PageContextSchema.parse({
  ...base,
  portalId: 'demo-portal',
  subscriber: { id: 'S-3000', name: 'Chen Wei', planType: 'Basic 5GB', unlimitedBundles: 0 },
  esims: [
    { lineName: 'USA', invalidIccid: '8944 5000 0000 0000 0018', imsiProfile: 2, status: 'Active', plans: [] },
    { iccid: '8901260012251003019', imsiProfile: 2, status: 'Active', plans: [{ name: 'USA', state: 'Active', activatedAt: 'yesterday' }] },
  ],
  iccids: ['8901260012251003019'],
});
