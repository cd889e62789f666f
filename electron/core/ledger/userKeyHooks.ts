import type { UserKeyHooks } from '../governance/users';
import type { KeyStore } from './keyStore';

/** Connects the user service's password moments to the key store. */
export function userKeyHooks(keys: KeyStore): UserKeyHooks {
  return {
    passwordKnown: async (user, password, source) => {
      await keys.ensureUserKey(user, password, source);
    },
    passwordChanged: (user, current, next) => keys.rewrapUserKey(user, current, next),
    passwordReset: (user, by, source) => keys.retireUserKey(user, by, source),
  };
}
