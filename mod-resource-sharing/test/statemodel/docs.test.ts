import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STATE_MODEL_DOCS_PATH, renderCurrentDocs } from '../../../scripts/generate-state-model-docs.ts';
import { getModel, listModels, renderStateModelDocs, type StateModel } from '../../src/statemodel/index.ts';

describe('docs/state-models.md', () => {
  it('is up to date with the model data (run: npx tsx scripts/generate-state-model-docs.ts)', () => {
    const onDisk = readFileSync(STATE_MODEL_DOCS_PATH, 'utf8');
    assert.ok(onDisk === renderCurrentDocs(), 'docs/state-models.md is out of date: run npx tsx scripts/generate-state-model-docs.ts');
  });

  it('has one Mermaid diagram per model and lists every state and action', () => {
    const doc = renderCurrentDocs();
    assert.equal(doc.match(/```mermaid\nstateDiagram-v2/g)?.length, listModels().length);
    for (const m of listModels()) {
      assert.ok(doc.includes(`(\`${m.id}\`)`), m.id);
      for (const s of m.states) assert.ok(doc.includes(`| \`${s.code}\` |`), s.code);
      for (const a of m.actions) assert.ok(doc.includes(`| \`${a.code}\` |`), a.code);
    }
  });

  it('changes when the data changes', () => {
    const changed = JSON.parse(JSON.stringify(getModel('lending-copy'))) as StateModel;
    changed.states[0].displayName = 'Brand new request';
    const models = listModels().map((m) => (m.id === changed.id ? changed : m));
    assert.notEqual(renderStateModelDocs(models), renderCurrentDocs());
  });

  it('refuses to document a broken model', () => {
    const broken = JSON.parse(JSON.stringify(getModel('lending-copy'))) as StateModel;
    broken.actions[0].outcomes.ok.to = 'RES_NOWHERE';
    assert.throws(() => renderStateModelDocs([broken]), /RES_NOWHERE/);
  });
});
