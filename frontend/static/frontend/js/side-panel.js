// The base of the analysis panels that a toolbar button opens in the side panel (risk,
// surveillance, public order, counter-terrorism, inspections). It owns what they all do the
// same way: the tool button (its label, aria-expanded and the click that toggles), the
// section's hidden state, asking the page to show the side panel (`onOpen`), the close
// button that gives focus back to the tool button, and the panel's own map pane.
// A panel extends it, builds its content, then calls `bindToggle(label)`; it reacts to
// opening and closing in `opened()` and `closed()` (loading data, focusing its first field).
import { h } from './ui.js';

export class SidePanel {
  constructor(map, { section, toggleButton, onOpen }) {
    this.map = map;
    this.section = section;
    this.toggleButton = toggleButton;
    this.onOpen = onOpen;
  }

  /** The panel's map pane (created once per map), so its layers stack in a known order. */
  ensurePane({ name, zIndex }) {
    if (!this.map.getPane(name)) this.map.createPane(name).style.zIndex = String(zIndex);
  }

  /** Wire the tool button: its accessible name (when given) and the click that toggles. */
  bindToggle(label) {
    const button = this.toggleButton;
    if (!button) return;
    if (label) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
    button.addEventListener('click', () => this.toggle());
  }

  get isOpen() {
    return !this.section.hidden;
  }

  toggle() {
    this.setOpen(this.section.hidden);
  }

  setOpen(open) {
    this.section.hidden = !open;
    this.toggleButton?.setAttribute('aria-expanded', String(open));
    if (open) {
      this.onOpen?.();
      this.opened();
    } else {
      this.closed();
    }
  }

  /** Close the panel and give focus back to the tool button that opened it. */
  close() {
    this.setOpen(false);
    this.toggleButton?.focus();
  }

  /** The × button of the panel's heading. */
  closeButton(label) {
    return h('button', { type: 'button', class: 'icon-btn panel-close', 'aria-label': label, onclick: () => this.close() }, '×');
  }

  /** Called after the panel has opened: load what it needs, focus its first field. */
  opened() {}

  /** Called after the panel has closed: stop any map interaction it started. */
  closed() {}
}
