// The Health Check Report page's strings (see tableL10n.ts).
import { HEALTH_STRING_KEYS } from '../shared/healthStrings';
import { translator } from './tableL10n';

export const t = translator(HEALTH_STRING_KEYS);
