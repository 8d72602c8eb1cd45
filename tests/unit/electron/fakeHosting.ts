/** A stand-in for the LAN hosting service, for handler tests that must not open any port. */
import type { LanHosting } from '../../../electron/host/ipcHandlers';

/** A hosting service whose every use fails the test: for tests about other channels. */
export const unusedHosting: LanHosting = {
  start: () => Promise.reject(new Error('hosting used in a test that should not host')),
  stop: () => Promise.reject(new Error('hosting used in a test that should not host')),
  listHosts: () => {
    throw new Error('hosting used in a test that should not host');
  },
  active: () => false,
  shutdown: async () => undefined,
};
