/**
 * Files attached to a draft (seed 000: "screenshots from your customers device including eSIM settings
 * and details of networks it's connected to"): added with the file picker, by drag and drop or by
 * pasting from the clipboard; checked against {@link ATTACHMENT_RULES} with a clear message; images
 * shown as thumbnails (object URLs, revoked when no longer shown); each screenshot tagged with what it
 * shows (the tags feed the completeness check); removable.
 */
import { useEffect, useId, useState, type ClipboardEvent, type DragEvent } from 'react';
import { ATTACHMENT_RULES, SCREENSHOT_TAGS, checkAttachment } from '../../lib/evidence';
import { pick, useI18n } from '../i18n';
import { isImage, type EvidenceItem } from './evidence-store';
import { ALERT, BUTTON, HINT, SELECT } from './ui';

export interface AttachmentsProps {
  /** The draft's files (not its API-call files). */
  items: readonly EvidenceItem[];
  /** Bytes already attached to the draft, API-call files included. */
  totalBytes: number;
  /** Stores an accepted file; resolves to a message for the agent (or null), or rejects. */
  onAdd: (file: File, type: string) => Promise<string | null>;
  onRemove: (id: string) => void;
  onTag: (id: string, tag: string) => void;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => String(Math.round((bytes / MB) * 10) / 10);

/** Object URLs for the image items, revoked when an item goes away or the list unmounts. */
function useThumbnails(items: readonly EvidenceItem[]): ReadonlyMap<string, string> {
  const [urls, setUrls] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const next = new Map<string, string>();
    for (const { attachment } of items) {
      if (isImage(attachment) && typeof URL.createObjectURL === 'function') {
        next.set(attachment.id, URL.createObjectURL(attachment.blob));
      }
    }
    setUrls(next);
    return () => {
      for (const url of next.values()) URL.revokeObjectURL(url);
    };
  }, [items]);
  return urls;
}

export function Attachments({ items, totalBytes, onAdd, onRemove, onTag }: AttachmentsProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const [messages, setMessages] = useState<{ kind: 'error' | 'info'; text: string }[]>([]);
  const [over, setOver] = useState(false);
  const thumbnails = useThumbnails(items);

  const errorText = (code: string, file: File) => {
    if (code === 'type') return t('evAttachErrorType', file.name);
    if (code === 'total') return t('evAttachErrorTotal', [file.name, mb(ATTACHMENT_RULES.maxDraftBytes)]);
    if (file.size <= 0) return t('evAttachErrorEmpty', file.name);
    return t('evAttachErrorSize', [file.name, mb(file.size), mb(ATTACHMENT_RULES.maxFileBytes)]);
  };

  const addFiles = async (files: readonly File[]) => {
    const out: { kind: 'error' | 'info'; text: string }[] = [];
    let total = totalBytes;
    for (const file of files) {
      const check = checkAttachment(file, total);
      if (!check.ok) {
        out.push({ kind: 'error', text: errorText(check.error.code, file) });
        continue;
      }
      try {
        const note = await onAdd(file, check.type);
        total += file.size;
        if (note) out.push({ kind: 'info', text: note });
      } catch {
        out.push({ kind: 'error', text: t('evAttachErrorStore', file.name) });
      }
    }
    setMessages(out);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void addFiles(Array.from(e.dataTransfer.files));
  };
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return; // plain text: let it paste where it was meant to
    e.preventDefault();
    // Pasted screenshots come as "image.png" from every source: give them a distinct name.
    const named = files.map((f, i) =>
      /^image\.\w+$/.test(f.name) || f.name === ''
        ? new File([f], `pasted-${Date.now()}-${i + 1}.${(f.type.split('/')[1] ?? 'png').replace('jpeg', 'jpg')}`, { type: f.type })
        : f,
    );
    void addFiles(named);
  };

  const accept = Object.entries(ATTACHMENT_RULES.types)
    .flatMap(([type, exts]) => [type, ...exts])
    .join(',');

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t('evAttachTitle')}
      </h4>
      <div
        role="group"
        aria-labelledby={`${id}-zone`}
        tabIndex={0}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        onPaste={onPaste}
        data-testid="attach-zone"
        className={`rounded border-2 border-dashed p-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${
          over ? 'border-blue-500 bg-blue-50 dark:bg-blue-950' : 'border-slate-300 dark:border-slate-600'
        }`}
      >
        <p id={`${id}-zone`}>{t('evAttachZone')}</p>
        <label className="mt-2 inline-block">
          <span className="sr-only">{t('evAttachPick')}</span>
          <input
            type="file"
            multiple
            accept={accept}
            className="text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 dark:file:bg-slate-900"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void addFiles(files);
            }}
          />
        </label>
        <p className={HINT}>{t('evAttachLimits', [mb(ATTACHMENT_RULES.maxFileBytes), mb(ATTACHMENT_RULES.maxDraftBytes)])}</p>
      </div>
      <div aria-live="polite">
        {messages.map((m, i) => (
          <p key={i} role={m.kind === 'error' ? 'alert' : undefined} className={m.kind === 'error' ? ALERT : HINT}>
            {m.text}
          </p>
        ))}
      </div>
      {items.length > 0 && (
        <ul aria-label={t('evAttachListLabel')} className="space-y-2">
          {items.map(({ attachment: a }) => {
            const url = thumbnails.get(a.id);
            return (
              <li key={a.id} className="flex items-start gap-2 rounded border border-slate-200 p-2 dark:border-slate-700" data-attachment-id={a.id}>
                {url ? (
                  <img src={url} alt={t('evThumbAlt', a.name)} className="h-16 w-16 flex-none rounded object-cover" />
                ) : (
                  <span aria-hidden="true" className="flex h-16 w-16 flex-none items-center justify-center rounded bg-slate-100 text-xs dark:bg-slate-800">
                    {a.name.split('.').pop()?.toUpperCase().slice(0, 4)}
                  </span>
                )}
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="truncate text-sm" title={a.name}>
                    {a.name} <span className={HINT}>({t('evSizeKb', String(Math.max(1, Math.round(a.size / 1024))))})</span>
                  </p>
                  {isImage(a) && (
                    <div className="text-xs">
                      <label htmlFor={`${id}-tag-${a.id}`} className="block">
                        {t('evTagLabelFor', a.name)}
                      </label>
                      <select id={`${id}-tag-${a.id}`} className={SELECT} value={a.tag ?? ''} onChange={(e) => onTag(a.id, e.target.value)}>
                        <option value="" disabled>
                          {t('evTagChoose')}
                        </option>
                        {SCREENSHOT_TAGS.map((tag) => (
                          <option key={tag.id} value={tag.id}>
                            {pick(tag.label, locale)}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                </div>
                <button type="button" className={BUTTON} aria-label={t('evRemoveLabel', a.name)} onClick={() => onRemove(a.id)}>
                  {t('evRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
