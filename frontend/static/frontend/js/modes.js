// One interaction mode at a time: browsing (clicks open popups), measuring or editing.
// A tool asks for its mode; the tool that held the map is told to stop first, unless it
// has unsaved work, in which case the request is refused with its reason.
const tools = new Map();
let current = 'browse';

export const modes = {
  get current() {
    return current;
  },
  /**
   * Register a tool: `stop()` ends it; `busy()` returns a reason not to end it now
   * (such as unsaved changes), or nothing.
   */
  register(name, stop, { busy } = {}) {
    tools.set(name, { stop, busy });
  },
  /** Switch to `name`; false (with the reason) if the tool holding the map is busy. */
  enter(name) {
    if (current === name) return { ok: true };
    const holder = tools.get(current);
    const reason = holder?.busy?.();
    if (reason) return { ok: false, reason };
    const previous = current;
    current = name;
    if (previous !== 'browse') holder?.stop();
    document.body.dataset.mode = name;
    return { ok: true };
  },
  /** Give the map back to browsing (only if `name` still holds it). */
  leave(name) {
    if (current !== name) return;
    current = 'browse';
    document.body.dataset.mode = 'browse';
  },
  isBrowsing() {
    return current === 'browse';
  },
};
