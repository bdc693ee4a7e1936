import assert from 'node:assert/strict';
import { patronTenantFromPath } from '../../standalone/host/patron-path.ts';
import { EMPTY_PATRON_FORM, hasOpenUrl, openUrlQuery, problemsToFormErrors, toPatronRequest, valuesFromOpenUrl } from './patron-form-values.ts';

describe('patron form values', () => {
  it('tells an OpenURL from the page’s own parameters', () => {
    assert.equal(hasOpenUrl('?locale=de'), false);
    assert.equal(hasOpenUrl('?sid=EBSCO&title=Dune&locale=de'), true);
    assert.equal(openUrlQuery('?sid=EBSCO&title=Dune&locale=de'), 'sid=EBSCO&title=Dune');
  });

  it('keeps citation fields the form does not show and sends them back', () => {
    const values = valuesFromOpenUrl({ citation: { title: 'Dune', oclcNumber: '12345', publisher: 'Chilton' }, serviceType: 'loan', version: '0.1' });
    assert.equal(values.title, 'Dune');
    assert.deepEqual(toPatronRequest({ ...values, articleTitle: 'ignored for a loan', notes: '  ' }), {
      citation: { oclcNumber: '12345', publisher: 'Chilton', title: 'Dune' },
      serviceType: 'loan',
    });
  });

  it('puts the backend’s problems on the fields they name, others in general', () => {
    const mapped = problemsToFormErrors([
      { field: 'citation.title', code: 'validation.pattern', message: 'citation.title must not be blank' },
      { field: 'neededBefore', code: 'patron.neededBeforePast', message: 'The needed-before date has already passed' },
      { field: 'citation.supplierUniqueRecordId', code: 'validation.maxLength', message: 'too long' },
      { message: 'This library does not take patron requests here' },
    ]);
    assert.deepEqual(mapped.fields, { title: 'patronForm.error.titleRequired', neededBefore: 'patronForm.error.neededBeforePast' });
    assert.deepEqual(mapped.general, ['too long', 'This library does not take patron requests here']);
    assert.deepEqual(EMPTY_PATRON_FORM.hidden, {});
  });

  it('recognises the public patron page path of the standalone host', () => {
    assert.equal(patronTenantFromPath('/patron/northfield'), 'northfield');
    assert.equal(patronTenantFromPath('/ui/patron/eastgate/', '/ui'), 'eastgate');
    assert.equal(patronTenantFromPath('/resource-sharing/borrowing'), undefined);
    assert.equal(patronTenantFromPath('/patron/../etc'), undefined);
  });
});
