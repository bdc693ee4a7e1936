// Every label the state models can make the app show has a translation in every language: states,
// actions (staff, protocol and system: the timeline names them all), their parameters and the values
// of enum parameters (reasons unfilled, loan conditions...), and the ISO 18626 codes messages carry. The keys are taken from the models at
// run time, so a state or action added to a model fails here until it is translated.
import '../test/setup.ts';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ISO_REASONS_FOR_MESSAGE, ISO_REQUESTING_ACTIONS, ISO_STATUSES, listModels } from '../../mod-resource-sharing/src/statemodel/index.ts';
import { REQUEST_TYPES } from '../../mod-resource-sharing/src/iso18626/code-lists.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../translations/ui-resource-sharing');

/** The translation keys (without the module prefix) the models can produce, each with where it comes from. */
export function keysFromModels(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const model of listModels()) {
    for (const s of model.states) keys.set(`state.${s.code}`, `${model.id} state`);
    for (const a of model.actions) {
      keys.set(`action.${a.code}`, `${model.id} action (${a.who.join('/')})`);
      for (const p of a.parameters ?? []) {
        keys.set(`actionParameter.${p.name}`, `${model.id} ${a.code} parameter`);
        for (const v of p.values ?? []) keys.set(`actionParameterValue.${v}`, `${model.id} ${a.code} ${p.name} value`);
      }
    }
  }
  // the conversation words the ISO 18626 codes of each message (RequestMessages)
  for (const code of ISO_STATUSES) keys.set(`iso.status.${code}`, 'ISO 18626 status');
  for (const code of ISO_REASONS_FOR_MESSAGE) keys.set(`iso.reasonForMessage.${code}`, 'ISO 18626 reasonForMessage');
  for (const code of ISO_REQUESTING_ACTIONS) keys.set(`iso.action.${code}`, 'ISO 18626 action');
  for (const code of REQUEST_TYPES) keys.set(`iso.requestType.${code}`, 'ISO 18626 requestType');
  return keys;
}

describe('ui-resource-sharing: translations cover the state models', () => {
  const languages = readdirSync(DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

  it('finds the languages and a sensible set of keys in the models', () => {
    assert.deepEqual([...languages].sort(), ['de', 'en']);
    const keys = keysFromModels();
    // protocol and system actions, and enum values, are among them
    assert.ok(keys.has('action.offerRetry'));
    assert.ok([...keys.keys()].some((k) => k.startsWith('actionParameterValue.')));
    assert.ok(keys.size > 100, `only ${keys.size} keys`);
  });

  for (const language of ['en', 'de']) {
    it(`every key the models can produce has a ${language} translation`, () => {
      const messages = JSON.parse(readFileSync(path.join(DIR, `${language}.json`), 'utf8')) as Record<string, string>;
      const missing = [...keysFromModels()].filter(([key]) => !messages[key]?.trim()).map(([key, from]) => `${key} (${from})`);
      assert.deepEqual(missing, [], `${missing.length} keys without a ${language} translation`);
    });
  }
});
