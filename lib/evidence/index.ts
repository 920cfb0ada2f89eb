/**
 * Evidence for escalation tickets (seed 000: API call details with time stamps, device screenshots):
 * parsing pasted API calls with secrets removed, rendering them for the ticket, the opt-in page
 * capture's buffer and host filter, personal-data masking, and attachment rules.
 */
export {
  ApiCallSchema,
  DEFAULT_MAX_BODY_CHARS,
  EvidenceSourceSchema,
  HeaderSchema,
  MAX_INPUT_CHARS,
  MAX_STORED_BODY_CHARS,
  TimestampSourceSchema,
  entryTimestamp,
  parseApiEvidence,
  redactApiCall,
  type ApiCall,
  type ApiEvidenceErrorCode,
  type ApiEvidenceResult,
  type EvidenceSource,
  type Header,
  type ParseApiEvidenceOptions,
  type RedactApiCallOptions,
  type TimestampSource,
} from './api-call';
export {
  REDACTED,
  createCounter,
  isSecretHeaderName,
  isSecretKey,
  maskPersonalData,
  redactBody,
  redactFormPairs,
  redactHeader,
  redactJsonValue,
  redactText,
  redactUrl,
  type BodyKind,
  type HeaderLike,
  type KeyContext,
  type MaskResult,
  type RedactionCounter,
} from './redact';
export { SECRET_KEY_VOCABULARY } from './secret-keys';
export {
  fencedBlock,
  renderApiCalls,
  toApiCallEvidence,
  type RenderApiCallsOptions,
  type RenderedApiCalls,
} from './render-api-call';
export {
  DEFAULT_CAPTURE_BODY_CHARS,
  DEFAULT_CAPTURE_CAPACITY,
  createCaptureBuffer,
  type CaptureBuffer,
  type CaptureBufferOptions,
  type CapturePushResult,
} from './capture-buffer';
export { shouldCapture } from './page-capture-filter';
export {
  ATTACHMENT_RULES,
  SCREENSHOT_TAGS,
  checkAttachment,
  type AttachmentCandidate,
  type AttachmentCheck,
  type AttachmentErrorCode,
  type ScreenshotTag,
} from './attachments';
