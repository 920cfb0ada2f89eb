/**
 * Telecom identifiers: parsers that return `{ ok, … } | { ok: false, error: { code, message } }`
 * and never throw, plus the helpers to display, mask and find them in page text (DESIGN §2).
 */
export type { ParseResult, TelecomError } from './result';
export {
  findIccids,
  formatIccid,
  luhnCheckDigit,
  luhnValid,
  maskIccid,
  parseIccid,
  type IccidErrorCode,
  type IccidMatch,
  type IccidResult,
} from './iccid';
export { mncLength, parseImsi, type Imsi, type ImsiErrorCode, type ImsiResult } from './imsi';
export { eidCheckDigits, parseEid, type EidErrorCode, type EidResult } from './eid';
export {
  formatActivationCode,
  parseActivationCode,
  type ActivationCodeErrorCode,
  type ActivationCodeParts,
  type ActivationCodeResult,
} from './activation-code';
export {
  findPhoneNumbers,
  parseMsisdn,
  type MsisdnErrorCode,
  type MsisdnResult,
  type PhoneNumberMatch,
} from './msisdn';
