/** @jsxRuntime automatic @jsxImportSource react */
// A borrowing request's stored copy (the library keeps copies delivered as a link, settings
// patronNotices.copyDelivery): its file, and "Open stored copy", which fetches it through the
// staff route with the session's Okapi headers (no token in a URL) and saves it under its name.
// Shown only for a stored copy and to staff holding the route's permission.
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Button, Col, KeyValue, MessageBanner, Row } from '@folio/stripes/components';
import { useOkapiKy, useStripes } from '@folio/stripes/core';
import type { RequestDetail } from '../graphql/types';
import { readApiError } from '../utils/errors';
import { T } from '../utils/labels';
import { PERM_STORED_COPY } from '../utils/permissions';
import { saveFile } from '../utils/save-file';

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function StoredCopyRow({ r }: { r: RequestDetail }) {
  const ky = useOkapiKy();
  const allowed = useStripes().hasPerm(PERM_STORED_COPY) === true;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const copy = r.storedCopy;
  if (r.role !== 'borrowing' || copy?.status !== 'stored' || !allowed) return null;
  const filename = copy.filename || `${r.hrid}-copy`;
  const open = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      saveFile(await ky.get(`resource-sharing/requests/${r.id}/copy`).blob(), filename);
    } catch (error) {
      setProblem((await readApiError(error)).messages.join(' '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Row>
        <Col xs={8}>
          <KeyValue label={<FormattedMessage id={`${T}.request.storedCopy`} />} value={[filename, size(copy.size)].filter(Boolean).join(', ')} />
        </Col>
        <Col xs={4}>
          <Button id="rs-open-stored-copy" disabled={busy} onClick={() => void open()}>
            <FormattedMessage id={`${T}.request.openStoredCopy`} />
          </Button>
        </Col>
      </Row>
      {problem ? (
        <MessageBanner type="error">
          <span id="rs-stored-copy-error"><FormattedMessage id={`${T}.request.storedCopyFailed`} values={{ message: problem }} /></span>
        </MessageBanner>
      ) : null}
    </>
  );
}
