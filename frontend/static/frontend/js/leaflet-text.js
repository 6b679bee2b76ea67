// Leaflet puts a string given to a popup or tooltip into innerHTML. Our code passes DOM
// nodes built with h(); this guard makes any string that still reaches Leaflet (from our
// code, a plugin or a future change) plain text, so data can never become markup.
// Imported once by ui.js, which every page loads.

function asNode(content) {
  if (typeof content === 'string' || typeof content === 'number') {
    const span = document.createElement('span');
    span.textContent = String(content);
    return span;
  }
  return content;
}

function textOnly(content) {
  if (typeof content === 'function') return (...args) => asNode(content(...args));
  return asNode(content);
}

const L = globalThis.L;
if (L?.DivOverlay && !L.DivOverlay.prototype.textOnly) {
  const setContent = L.DivOverlay.prototype.setContent;
  L.DivOverlay.prototype.setContent = function setTextContent(content) {
    return setContent.call(this, textOnly(content));
  };
  L.DivOverlay.prototype.textOnly = true;
}
