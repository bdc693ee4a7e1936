/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { useHistory } from 'react-router-dom';
import { FORM_ERROR } from 'final-form';
import { Pane } from '@folio/stripes/components';
import { TitleManager, useCallout } from '@folio/stripes/core';
import { RotaPreviewView } from '../components/RotaPreview';
import { useCreateBorrowingRequest, useRotaPreview } from '../data/hooks';
import { BorrowingRequestForm } from '../forms/BorrowingRequestForm';
import { toNewBorrowingRequest, toRotaPreviewQuery } from '../forms/borrowing-request-values';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';
import { useReferenceData } from '../settings/editors/config-api';
import { T } from '../utils/labels';

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The "New borrowing request" pane: on success it opens the created request. */
export function NewRequestView({ basePath }: { basePath: string }) {
  const intl = useIntl();
  const history = useHistory();
  const callout = useCallout();
  const create = useCreateBorrowingRequest();
  const preview = useRotaPreview();
  // pickup points from the library system (FOLIO's pickup service points, or the configured ones)
  const pickup = (useReferenceData().data?.pickupLocations ?? []).map((p) => ({ value: p.code ?? p.id, label: p.name }));
  const close = () => history.push(basePath);
  const title = intl.formatMessage({ id: `${T}.request.new.paneTitle` });
  return (
    <Pane id="rs-new-request" defaultWidth="40%" paneTitle={title} dismissible onClose={close}>
      <TitleManager page={title} />
      <BorrowingRequestForm
        today={todayIso()}
        pickupLocations={pickup}
        onCancel={close}
        onPreviewRota={(values) => preview.mutate(toRotaPreviewQuery(values), {
          onError: async (error) => {
            const messages = wordApiError(intl, await readApiError(error));
            callout.sendCallout({ type: 'error', message: <FormattedMessage id={`${T}.rota.preview.failed`} values={{ message: messages.join(' ') }} /> });
          },
        })}
        onSubmit={(values) => new Promise((resolve) => create.mutate(toNewBorrowingRequest(values), {
          onSuccess: (created) => {
            callout.sendCallout({ type: 'success', message: <FormattedMessage id={`${T}.request.createdMessage`} values={{ hrid: created?.hrid ?? '' }} /> });
            // still submitting: leaving for the new request asks nothing
            history.push(created?.id ? `${basePath}/view/${created.id}` : basePath);
            resolve();
          },
          onError: async (error) => {
            const messages = wordApiError(intl, await readApiError(error));
            callout.sendCallout({ type: 'error', timeout: 0, message: <FormattedMessage id={`${T}.request.createFailed`} values={{ message: messages.join(' ') }} /> });
            // not saved: the changes stay unsaved
            resolve({ [FORM_ERROR]: messages.join(' ') });
          },
        }))}
      />
      {preview.data ? <RotaPreviewView preview={preview.data} /> : null}
    </Pane>
  );
}
