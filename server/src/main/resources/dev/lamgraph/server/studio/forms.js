// Forms generated from JSON Schemas: a run's input (the channels) and a paused node's answer.
import {el, pretty} from './dom.js';

function kind(s) {
  const t = s && s.type;
  if (Array.isArray(t)) return t.find(x => x !== 'null') || 'any';
  return t || 'any';
}

function field(name, s, required, prefix) {
  const k = kind(s);
  const id = prefix + '-' + name;
  const hint = [k, required ? 'required' : null, s.description].filter(Boolean).join(' · ');
  const label = el('label', {for: id}, name, ' ', el('span', {class: 'hint'}, '(' + hint + ')'));
  let input;
  if (k === 'boolean') {
    input = el('select', {id, name, dataset: {field: name, kind: k}},
      el('option', {value: ''}, '—'), el('option', {value: 'true'}, 'true'), el('option', {value: 'false'}, 'false'));
  } else if (k === 'integer' || k === 'number') {
    input = el('input', {id, name, type: 'number', step: k === 'integer' ? '1' : 'any', dataset: {field: name, kind: k}});
  } else if (k === 'string' && !s.enum) {
    input = el('input', {id, name, type: 'text', dataset: {field: name, kind: k}});
  } else if (s.enum) {
    input = el('select', {id, name, dataset: {field: name, kind: 'enum'}}, el('option', {value: ''}, '—'),
      s.enum.map(v => el('option', {value: JSON.stringify(v)}, String(v))));
  } else {
    input = el('textarea', {id, name, placeholder: 'JSON', dataset: {field: name, kind: 'json'}});
  }
  if (s.default !== undefined && s.default !== null) {
    if (input.dataset.kind === 'json') input.placeholder = 'JSON (default ' + JSON.stringify(s.default) + ')';
    else if (input.tagName === 'INPUT') input.placeholder = 'default ' + String(s.default);
  }
  return [label, input];
}

function read(input) {
  const v = input.value;
  if (v === '') return undefined;
  const name = input.dataset.field;
  switch (input.dataset.kind) {
    case 'boolean': return v === 'true';
    case 'integer': case 'number': {
      const n = Number(v);
      if (!Number.isFinite(n) || (input.dataset.kind === 'integer' && !Number.isInteger(n))) throw new Error(name + ' must be ' + input.dataset.kind);
      return n;
    }
    case 'string': return v;
    default:
      try { return JSON.parse(v); } catch (e) { throw new Error(name + ' is not valid JSON: ' + e.message); }
  }
}

/**
 * A form for an object schema: one field per property (empty fields are left out). For any other
 * schema, one JSON field. Returns {form, value()} where value() throws on a bad field.
 */
export function schemaForm(schema, prefix, key = 'answer') {
  const form = el('form', {class: 'schema', id: prefix + '-form', novalidate: true});
  form.addEventListener('submit', e => e.preventDefault());
  const props = schema && kind(schema) === 'object' && schema.properties ? schema.properties : null;
  if (!props) {
    form.append(...field(key, schema || {}, true, prefix));
    return {form, value: () => {
      const v = read(form.querySelector('[data-field]'));
      return v === undefined ? {} : {[key]: v};
    }};
  }
  const required = new Set(schema.required || []);
  for (const [name, s] of Object.entries(props)) form.append(...field(name, s || {}, required.has(name), prefix));
  return {form, value: () => {
    const out = {};
    for (const input of form.querySelectorAll('[data-field]')) {
      const v = read(input);
      if (v !== undefined) out[input.dataset.field] = v;
    }
    return out;
  }};
}

/** The required boolean property an approve/reject answer sets (e.g. approved), or null. */
export function decisionField(schema) {
  if (!schema || kind(schema) !== 'object' || !schema.properties) return null;
  for (const name of schema.required || []) {
    if (kind(schema.properties[name] || {}) === 'boolean') return name;
  }
  return null;
}

export function jsonBox(id, value, placeholder) {
  return el('textarea', {id, class: 'json', placeholder: placeholder || 'JSON', value: value === undefined ? '' : pretty(value)});
}
