// Whether a partnerCenter.locale value may be sent as X-Locale. Plain code (no vscode), so unit tests use it.

/**
 * A BCP 47 language tag (`en-US`, `de`, `zh-Hant-TW`, `sr-Latn`): what Intl accepts as a locale,
 * starting with an ISO 639 language (2 or 3 letters; the 5–8 letter form is reserved and unused).
 */
export function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
