/** @jsxRuntime automatic @jsxImportSource react */
import type { FormEvent, ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Button, MessageBanner, Pane, PaneFooter } from '@folio/stripes/components';
import { T } from '../../utils/labels';

/**
 * A settings editor pane: the form, a banner for problems that name no field, and Cancel / Save
 * in the pane footer (FOLIO's layout for record forms).
 */
export function EditorFrame({ id, title, onSubmit, onCancel, saving, general, invalid, children }: {
  id: string;
  title: ReactNode;
  onSubmit(e?: FormEvent): void;
  onCancel?: () => void;
  saving: boolean;
  general: string[];
  invalid: boolean;
  children?: ReactNode;
}) {
  return (
    <Pane
      id={id}
      defaultWidth="fill"
      paneTitle={title}
      dismissible={Boolean(onCancel)}
      onClose={onCancel}
      footer={(
        <PaneFooter
          renderStart={onCancel ? <Button id={`${id}-cancel`} onClick={onCancel} disabled={saving}><FormattedMessage id={`${T}.editor.cancel`} /></Button> : null}
          renderEnd={<Button id={`${id}-save`} onClick={() => onSubmit()} buttonStyle="primary" disabled={saving}><FormattedMessage id={`${T}.editor.save`} /></Button>}
        />
      )}
    >
      <form id={`${id}-form`} onSubmit={(e) => { e.preventDefault(); onSubmit(e); }} noValidate>
        {invalid ? <MessageBanner type="error"><FormattedMessage id={`${T}.validation.summary`} /></MessageBanner> : null}
        {general.length > 0 ? (
          <MessageBanner type="error"><span data-test-editor-error>{general.join(' ')}</span></MessageBanner>
        ) : null}
        {children}
      </form>
    </Pane>
  );
}
