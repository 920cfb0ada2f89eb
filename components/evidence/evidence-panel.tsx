/**
 * The evidence of a draft (issue 7; seed 000 asks for device type, location, screenshots of the eSIM
 * settings and connected networks, and the API call with its response and time stamps): device and
 * location helpers, a redacted screenshot of the portal, attachments, and API calls. Reports the counts
 * and lists the ticket needs through `onEvidenceChange` (completeness and rendering).
 */
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import type { ScreenshotTag } from '../../lib/evidence';
import type { PageContext } from '../../lib/portal/page-context';
import { useI18n } from '../i18n';
import { ApiCalls, type CaptureControls } from './api-calls';
import { Attachments } from './attachments';
import { DeviceLocation } from './device-location';
import { isApiCallFile, prepareFile, type EvidenceState } from './evidence-store';
import { ScreenshotEditor, type EditorImage, type ExportImage } from './screenshot-editor';
import { useDraftEvidence } from './use-evidence';
import { captureFailureText, isCaptureCode } from './capture-failure';
import { ALERT, HINT, PRIMARY } from './ui';

/** What the surface can do beyond the database (the sidebar: a portal tab to capture). */
export interface EvidencePlatform {
  /** `uninspected`: areas covered without being read (issue 14), listed for the agent. */
  captureTab(
    mask: boolean,
  ): Promise<{ dataUrl: string; masked: number; uninspected?: { kind: string; count: number }[] | undefined }>;
  capture: CaptureControls;
  /** The portal page the capture targets, when known (its host is proposed for API capture). */
  portalUrl?: string | null;
}

export interface EvidencePanelProps {
  /** The drafts store (local, or through the background in the sidebar). */
  drafts: DraftsApi;
  draftId: string;
  vendor: VendorProfile;
  /** Called after every load and change with the ticket's view of the evidence. */
  onEvidenceChange?: (state: EvidenceState) => void;
  /** Screenshot and API-call capture; absent where there is no portal tab (drafts tab). */
  platform?: EvidencePlatform | undefined;
  context?: PageContext | null;
  /** The draft's field values and a setter, for the device and location helpers. */
  fields?: Readonly<Record<string, string>>;
  onFieldChange?: (fieldId: string, value: string) => void;
  clock?: () => Date;
  timeZone?: string;
  exportImage?: ExportImage;
}

/** Mark and measure names of the capture → editor timing (read in the end-to-end test). */
export const CAPTURE_MARK = 'ev-capture-start';
export const CAPTURE_MEASURE = 'ev-capture-to-editor';

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-').slice(0, 19);

function imageSize(src: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error('image'));
    img.src = src;
  });
}

const systemClock = () => new Date();
const agentZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function EvidencePanel({
  drafts,
  draftId,
  vendor,
  onEvidenceChange,
  platform,
  context = null,
  fields,
  onFieldChange,
  clock = systemClock,
  timeZone,
  exportImage,
}: EvidencePanelProps) {
  const { t } = useI18n();
  const id = useId();
  const evidence = useDraftEvidence(drafts, draftId, onEvidenceChange, clock);
  const zone = useMemo(() => timeZone ?? agentZone(), [timeZone]);
  // The captured original: in memory only, dropped on save or cancel.
  const [editing, setEditing] = useState<EditorImage | null>(null);
  const [mask, setMask] = useState(true);
  const [captureState, setCaptureState] = useState<{ busy: boolean; error: string | null; note: string | null }>({
    busy: false,
    error: null,
    note: null,
  });
  const maskedRef = useRef(0);

  const files = evidence.items.filter((i) => !isApiCallFile(i.attachment));
  const callFiles = evidence.items.filter((i) => isApiCallFile(i.attachment));
  const hasField = (fieldId: string) => vendor.fields.some((f) => f.id === fieldId && f.kind !== 'secret');
  const showDevice = onFieldChange && fields && hasField('device') && hasField('location');
  const defaultHosts = useMemo(() => {
    try {
      const url = context?.url ?? platform?.portalUrl;
      return url ? [new URL(url).hostname] : [];
    } catch {
      return [];
    }
  }, [context?.url, platform?.portalUrl]);

  const capture = async () => {
    if (!platform) return;
    setCaptureState({ busy: true, error: null, note: null });
    performance.clearMarks?.(CAPTURE_MARK);
    performance.mark?.(CAPTURE_MARK);
    try {
      const shot = await platform.captureTab(mask);
      const size = await imageSize(shot.dataUrl);
      maskedRef.current = shot.masked;
      setEditing({ src: shot.dataUrl, ...size });
      // Canvas, images, cross-origin frames: covered whole, since nothing in them can be read — said here,
      // so the agent knows why part of the picture is black before keeping it.
      const areas = (shot.uninspected ?? []).map((a) => t(`evUninspected_${a.kind}`, String(a.count))).join(', ');
      const note = mask
        ? [t('evCaptureMasked', String(shot.masked)), ...(areas ? [t('evCaptureUninspected', areas)] : [])].join(' ')
        : null;
      setCaptureState({ busy: false, error: null, note });
    } catch (e) {
      // The background's stable codes (lib/evidence/capture-errors.ts) have their own text; the rest
      // says why in the agent's language, never the browser's English (issue 16 §5).
      const error = isCaptureCode(e, 'no_portal', 'permission', 'not_ready', 'no_hook')
        ? captureFailureText(t, e)
        : t('evCaptureTabFailed', captureFailureText(t, e));
      setCaptureState({ busy: false, error, note: null });
    }
  };

  const onShown = useCallback(() => {
    try {
      performance.clearMeasures?.(CAPTURE_MEASURE);
      performance.measure?.(CAPTURE_MEASURE, CAPTURE_MARK);
    } catch {
      // No capture mark (an image opened otherwise): nothing to measure.
    }
  }, []);

  const saveEdited = async (blob: Blob, tag: ScreenshotTag) => {
    const error = await evidence.addFile({ name: `portal-${stamp(clock())}.png`, blob, type: 'image/png', tag, kind: 'portal-capture' });
    if (error) throw new Error(error);
    setEditing(null);
    setCaptureState({ busy: false, error: null, note: t('evEditorSaved') });
  };

  const addFile = async (file: File, type: string): Promise<string | null> => {
    const prepared = await prepareFile(file, type, { now: clock(), timeZone: zone });
    if (prepared.kind === 'error') return t(`evApiError_${prepared.code.replace(/-/g, '_')}`);
    if (prepared.kind === 'api-calls') {
      const error = await evidence.addApiCalls(prepared.calls);
      if (error) throw new Error(error);
      return t('evHarStored', [file.name, String(prepared.calls.length), String(prepared.redactions)]);
    }
    // Issue 17: an image the agent adds (a file, a paste) is the customer's screenshot; a capture of the
    // portal goes through saveEdited above.
    const kind = prepared.type.startsWith('image/') ? ('customer-screenshot' as const) : ('file' as const);
    const error = await evidence.addFile({ name: prepared.name, blob: prepared.blob, type: prepared.type, kind });
    if (error) throw new Error(error);
    return prepared.redactions > 0 ? t('evFileRedacted', [file.name, String(prepared.redactions)]) : null;
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded border border-slate-200 p-2 dark:border-slate-700" data-testid="evidence-panel">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        {t('evTitle')}
      </h3>

      {showDevice && (
        <DeviceLocation
          device={fields.device ?? ''}
          location={fields.location ?? ''}
          onDevice={(v) => onFieldChange('device', v)}
          onLocation={(v) => onFieldChange('location', v)}
          pageLocation={context?.subscriber?.location}
        />
      )}

      {platform && (
        <section aria-labelledby={`${id}-shot`} className="space-y-2">
          <h4 id={`${id}-shot`} className="text-sm font-semibold">
            {t('evScreenshotTitle')}
          </h4>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} />
            {t('evMaskOption')}
          </label>
          <button
            type="button"
            className={PRIMARY}
            disabled={captureState.busy || editing !== null}
            aria-describedby={`${id}-shot-needs`}
            onClick={() => void capture()}
          >
            {t('evCaptureTab')}
          </button>
          {/* Issue 17: said before the click, not after a failure — and what a capture is (not the device's). */}
          <p id={`${id}-shot-needs`} className={HINT}>
            {t('evidenceKindCaptureNeeds')} {t('evidenceKindPortalNote')}
          </p>
          {captureState.error && (
            <p role="alert" className={ALERT}>
              {captureState.error}
            </p>
          )}
          {captureState.note && (
            <p role="status" className={HINT}>
              {captureState.note}
            </p>
          )}
          {editing && (
            <ScreenshotEditor
              image={editing}
              onSave={saveEdited}
              onCancel={() => setEditing(null)}
              onShown={onShown}
              {...(exportImage ? { exportImage } : {})}
            />
          )}
        </section>
      )}

      <Attachments
        items={files}
        totalBytes={evidence.totalBytes}
        onAdd={addFile}
        onRemove={(attachmentId) => void evidence.remove(attachmentId)}
        onTag={(attachmentId, tag) => void evidence.setTag(attachmentId, tag)}
      />

      <ApiCalls
        stored={callFiles}
        onStore={async (calls) => {
          const error = await evidence.addApiCalls(calls);
          if (error) throw new Error(error);
        }}
        onRemove={(attachmentId) => void evidence.remove(attachmentId)}
        {...(platform ? { capture: platform.capture } : {})}
        defaultHosts={defaultHosts}
        clock={clock}
        timeZone={zone}
      />
    </section>
  );
}
