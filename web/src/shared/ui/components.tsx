// Small, accessible building blocks shared by every feature.
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../navigation/index.tsx';

/** Props of a button; variant picks the look. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'link';
}

/** A button; type defaults to "button" so it never submits a form by accident. */
export function Button({ variant = 'primary', className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={['btn', `btn-${variant}`, className].filter(Boolean).join(' ')} {...rest} />;
}

/** Props of a labelled text input. */
export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  help?: string;
  error?: string | undefined;
}

/** A text input with its label, optional help text and error message, wired up for screen readers. */
export function TextField({ label, help, error, ...rest }: TextFieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A message box; "error" is announced to screen readers at once. */
export function Alert({ tone, title, children }: { tone: 'info' | 'error' | 'warning'; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="alert-title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}

/** A quiet loading indicator. */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Switches between Danish and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'da' ? 'en' : 'da';
  return (
    <Button variant="secondary" className="lang-switch" lang={other} aria-label={t('lang.switchLabel')} onClick={() => setLanguage(other)}>
      {t('lang.switch')}
    </Button>
  );
}

/** The Skjold shield mark (decorative). */
export function ShieldMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="shield-mark">
      <path d="M16 2 4 6v9c0 7.5 5.1 13.3 12 15 6.9-1.7 12-7.5 12-15V6L16 2z" fill="currentColor" />
      <path d="M16 6.2 8 9v6c0 5.2 3.4 9.3 8 10.7 4.6-1.4 8-5.5 8-10.7V9l-8-2.8z" fill="#fff" opacity=".9" />
    </svg>
  );
}

/** Props of a labelled multi-line text input. */
export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string;
  help?: string;
  error?: string | undefined;
}

/** A textarea with its label, optional help text and error message, wired up for screen readers. */
export function TextAreaField({ label, help, error, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} rows={3} {...rest} />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props of a labelled select. */
export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  help?: string;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
}

/** A select with its label, optional help text and error message. */
export function SelectField({ label, help, error, options, ...rest }: SelectFieldProps) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A small status label; tone sets the colour, the text always carries the meaning. */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'ok' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/**
 * A modal dialog on the native <dialog> element: focus is kept inside, the page behind is inert, Escape closes.
 * Rendered only while open, so its state (e.g. a one-time token) is forgotten when it closes.
 */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // close() queues the "close" event: under StrictMode (dev builds) the effect's cleanup closes and the re-run opens
    // again before that event arrives. Only a dialog that is still closed when the event fires was really closed.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** The polite page shown when the server answers 403 for a page the user has no role for. */
export function AccessDenied() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="access-denied">
      <h1>{t('accessDenied.title')}</h1>
      <p className="lead">{t('accessDenied.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </div>
  );
}
