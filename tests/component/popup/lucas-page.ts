/**
 * The portal page both popup test files start from: Lucas Martin's subscriber page (demo data, S-1002)
 * with his France eSIM.
 */
import type { PageContext } from '../../../lib/portal/page-context';

export const ICCID = '89445000122510020012';

export const context = {
  url: 'http://127.0.0.1:4000/portal/subscribers/S-1002',
  title: 'AP',
  portalId: 'demo-portal',
  subscriber: { id: 'S-1002', name: 'Lucas Martin', location: 'Lyon, France' },
  esims: [{ lineName: 'France', iccid: ICCID, imsiProfile: 7, status: 'Installed', plans: [] }],
  iccids: [ICCID],
  guardEvents: [],
} as unknown as PageContext;
