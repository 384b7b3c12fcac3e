// The Reassignment page's strings (see tableL10n.ts).
import { REASSIGN_STRING_KEYS } from '../shared/reassignStrings';
import { translator } from './tableL10n';

export const t = translator(REASSIGN_STRING_KEYS);
