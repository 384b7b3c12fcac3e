// The Reassignment page's strings (see tableL10n.ts). tParts gives a text as pieces, {n} replaced by
// args[n] as given (a service name as its `<bdi>`: dom.ts serviceName()).
import { REASSIGN_STRING_KEYS } from '../shared/reassignStrings';
import { partsTranslator, translator } from './tableL10n';

export const t = translator(REASSIGN_STRING_KEYS);
export const tParts = partsTranslator(REASSIGN_STRING_KEYS);
