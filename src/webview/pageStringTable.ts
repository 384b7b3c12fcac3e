// The editor page's strings in VS Code's display language, built on the host and embedded in the
// page's HTML. One literal l10n.t call per string so `npm run l10n` exports each of them. Plain
// Node (@vscode/l10n, configured from VS Code's bundle at activation): unit tests build it too.
import * as l10n from '@vscode/l10n';
import type { PageStrings } from './shared/pageStrings';

/** Shown until the host answers, the summary, a contact and the NCE note. */
function summaryStrings() {
  return {
    loadingSubscription: l10n.t('Loading the subscription and its support contact…'),
    summaryLabel: l10n.t('Subscription'),
    customer: l10n.t('Customer'),
    customerWithDomain: l10n.t('{0} ({1})'),
    subscription: l10n.t('Subscription'),
    offer: l10n.t('Offer'),
    status: l10n.t('Status'),
    statusWithLicencesOne: l10n.t('{0} · {1} licence'),
    statusWithLicencesOther: l10n.t('{0} · {1} licences'),
    type: l10n.t('Type'),
    typeNce: l10n.t('New Commerce (NCE)'),
    typeLegacy: l10n.t('Legacy (license-based)'),
    currentContact: l10n.t('Current support contact'),
    none: l10n.t('None'),
    contactMeta: l10n.t('PartnerID {0} · Tenant {1}'),
    indirectProvider: l10n.t('You (the indirect provider)'),
    nceNoteTitle: l10n.t('This is a New Commerce (NCE) subscription.'),
    nceNoteBody: l10n.t('The Partner Center API does not support a support contact on New Commerce subscriptions, so there is nothing to save here. Support contacts can be changed only on traditional (legacy, license-based) subscriptions.'),
  } satisfies Partial<PageStrings>;
}

/** The form and its reseller picker. */
function formStrings() {
  return {
    formLabel: l10n.t('Support contact'),
    newContact: l10n.t('New support contact'),
    enterManually: l10n.t('Enter manually'),
    tenantIdLabel: l10n.t('Support tenant ID'),
    mpnIdLabel: l10n.t('PartnerID (MPN ID)'),
    mpnIdPlaceholder: l10n.t('digits, e.g. 4391507'),
    nameLabel: l10n.t('Name'),
    namePlaceholder: l10n.t('the reseller name'),
    tenantIdInvalid: l10n.t('Enter the reseller tenant ID as a GUID, e.g. {0}.'),
    mpnIdInvalid: l10n.t('Enter the PartnerID (MPN ID) as digits only.'),
    nameInvalid: l10n.t('Enter the reseller name (1 to {0} characters).'),
    hintFillFields: l10n.t('Fill in the three fields correctly to continue.'),
    hintChooseReseller: l10n.t('Choose a reseller.'),
    hintNoMatch: l10n.t('These values do not match any of your active indirect resellers.'),
    hintUnchanged: l10n.t('{0} is already the support contact.'),
    hintMatches: l10n.t('Matches your active indirect reseller {0}.'),
    save: l10n.t('Save'),
    cancel: l10n.t('Cancel'),
    close: l10n.t('Close'),
    retry: l10n.t('Retry'),
    copyDetails: l10n.t('Copy details'),
    resellerLabel: l10n.t('Reseller'),
    resellerPlaceholder: l10n.t('Search by name, PartnerID or tenant ID'),
    resellerListLabel: l10n.t('Resellers'),
    resellerCountOne: l10n.t('{0} active indirect reseller. Choosing it fills the fields below.'),
    resellerCountOther: l10n.t('{0} active indirect resellers. Choosing one fills the fields below.'),
    noResellerMatches: l10n.t('No active reseller matches.'),
  } satisfies Partial<PageStrings>;
}

/** What a load or a save shows: status texts, errors, the conflict panel, the saved contact. */
function saveStrings() {
  return {
    loading: l10n.t('Loading…'),
    saving: l10n.t('Saving the support contact…'),
    saved: l10n.t('Support contact updated'),
    savedUnconfirmed: l10n.t('Partner Center accepted the change but did not confirm what it stored. It now shows the support contact below.'),
    keptTheirs: l10n.t('Kept the support contact that is in Partner Center.'),
    loadErrorHeading: l10n.t('Support contact'),
    loadErrorTitle: l10n.t('Could not load the subscription.'),
    saveErrorTitle: l10n.t('The support contact was not saved.'),
    saveUnconfirmedTitle: l10n.t('Partner Center did not confirm the change.'),
    httpStatus: l10n.t('HTTP {0}'),
    errorCode: l10n.t('code {0}'),
    serviceSaid: l10n.t('Partner Center said: {0}'),
    requestId: l10n.t('Request ID: {0}'),
    correlationId: l10n.t('Correlation ID: {0}'),
    conflictTitle: l10n.t('The support contact was changed by someone else since you opened this form.'),
    conflictOld: l10n.t('When you opened the form (old)'),
    conflictNew: l10n.t('Your choice (new)'),
    conflictTheirs: l10n.t('Now in Partner Center (theirs)'),
    conflictQuestion: l10n.t('Overwrite their change with yours?'),
    overwrite: l10n.t('Overwrite with mine'),
    keepTheirs: l10n.t('Keep theirs'),
    savedLabel: l10n.t('Saved support contact'),
    unconfirmedLabel: l10n.t('Support contact Partner Center shows now'),
  } satisfies Partial<PageStrings>;
}

// A function, not a constant: the strings are looked up after activation has loaded the bundle.
// The table is put together from the parts of the screen (the sections above).
export function pageStringTable(): PageStrings {
  return { ...summaryStrings(), ...formStrings(), ...saveStrings() };
}
