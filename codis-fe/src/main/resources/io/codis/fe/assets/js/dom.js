// A few DOM helpers: elements built from plain data, no templates.

/** el('td', {class: 'x', title: 'y', onclick: f}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of the element with id {@code id}. */
export function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren();
  append(node, children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** A button that runs an action; {@code attrs} may add id, class, title, disabled. */
export function button(label, action, attrs = {}) {
  return el('button', { type: 'button', ...attrs, onclick: action }, label);
}

/** A coloured label: ok, warn, bad, muted. */
export function badge(text, kind, title) {
  return el('span', { class: 'badge ' + kind, title }, text);
}
