import { publicVersion } from '../../models/registry';
import type { AreaFactory } from './types';

export const modelsHandlers: AreaFactory<'models'> = (ws) => ({
  'models.list': () => ws.models.list(),
  'models.get': (_ctx, input) => publicVersion(ws.models.resolve(input.ref)),
});
