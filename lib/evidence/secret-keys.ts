/**
 * The secret-key vocabulary: which names of JSON keys, form fields, query parameters, XML elements and
 * attributes, multipart parts and headers hold a credential. Data, not code: `redact.ts` matches against
 * it, `tests/unit/evidence/secret-keys.test.ts` keeps it well-formed. Adding a name is one line here.
 *
 * A typed constant rather than a JSON file checked by zod: `redact.ts` also runs in the portal's main
 * world (entrypoints/api-capture.ts), and a schema library injected into the portal page for a list the
 * compiler already checks would be weight without safety.
 *
 * Every entry is written **normalised**: lower-case ASCII letters and digits only. A key is normalised
 * the same way before matching (`API-KEY`, `api_key`, `apiKey`, `x-api-key` → `apikey`, `xapikey`), and
 * split into words for {@link SECRET_KEY_VOCABULARY.words} (`simPin` → `sim pin`, `PIN1` → `pin`).
 */
export const SECRET_KEY_VOCABULARY = {
  /**
   * Matched anywhere in the normalised key. These words do not occur by chance in field names that
   * matter to a vendor; a few extra values redacted (`author` by `auth`) is accepted (DESIGN §2).
   */
  substrings: [
    'password',
    'passwd',
    'passphrase',
    'passcode',
    'pwd',
    'secret',
    'token', // access_token, X-Amz-Security-Token, X-CSRF-Token
    'apikey',
    'accesskey', // AWSAccessKeyId of legacy S3 signed URLs
    'privatekey',
    'signingkey',
    'masterkey',
    'encryptionkey',
    'sharedkey', // Azure Storage "SharedKey"
    'accountkey', // Azure Storage connection strings
    'signature', // X-Amz-Signature, X-Goog-Signature, X-Hub-Signature-256
    'credential', // X-Amz-Credential, X-Goog-Credential
    'auth', // Authorization, Proxy-Authorization, oauth_*, X-Auth-*
    'cookie',
    'session',
    'sessid', // PHPSESSID
    'jwt',
    'bearer',
    'csrf',
    'xsrf',
    'saml', // SAMLResponse: a signed assertion is a credential
  ],
  /**
   * Matched as one whole word of the key (camelCase, `-`, `_` and `.` separate words; a trailing number
   * is ignored), never inside a word: `simPin`, `pin_code`, `PIN1`, `user-pass`, `sms_otp` are secret;
   * `postcode`, `pincode` (an Indian postal code), `spinner`, `passenger`, `signal`, `footprint` are not.
   */
  words: [
    'pass',
    'pin', // SIM PIN1/PIN2 (ETSI TS 102 221 §9)
    'puk', // SIM PUK
    'adm', // SIM ADM1 administrative key
    'ki', // subscriber key K/Ki (3GPP TS 35.206)
    'opc', // operator variant key OPc (3GPP TS 35.206)
    'kic', // OTA ciphering key (ETSI TS 102 225)
    'kik',
    'sig', // Azure SAS `sig`, `url_sig`
    'otp',
    'totp',
    'hotp',
    'cvv',
    'cvc',
  ],
  /**
   * Matched only as the whole key, and only where the key names a URL query, fragment or form
   * parameter: `code` is the OAuth 2.0 authorization code there (RFC 6749 §4.1.2), `key` the API key
   * of Google-style APIs (`?key=AIza…`), `sid` a session id. In JSON and XML bodies `code` is the
   * vendor's error code, which the ticket needs (seed 000: "the response"), so it stays.
   */
  queryExact: ['code', 'key', 'sid'],
  /**
   * Headers whose name matches the vocabulary but whose value is never a credential: authentication
   * challenges (RFC 9110 §11.6.1, the vendor wants to see `error="invalid_token"`) and the CORS flag.
   * Their value still goes through the free-text rules.
   */
  notSecretHeaders: ['wwwauthenticate', 'proxyauthenticate', 'accesscontrolallowcredentials'],
  /**
   * Keys whose string value names another field (`{"name": "password", "value": "…"}` of HAR and
   * Postman exports, `<param name="apiKey" value="…"/>`, `<add key="ApiKey" value="…"/>`): when the
   * named field is secret, the sibling {@link SECRET_KEY_VOCABULARY.valueKeys} is too.
   */
  nameKeys: ['name', 'key', 'field', 'param', 'header'],
  valueKeys: ['value'],
} as const satisfies Record<string, readonly string[]>;
