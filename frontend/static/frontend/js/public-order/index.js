// Mounts the public-order panel (hot spots, density, near repeats, prevention-area proposals).
import { PublicOrderPanel } from './panel.js';

export function setupPublicOrder(map, { section, toggleButton, onOpen, readOnly = false }) {
  return { panel: section ? new PublicOrderPanel(map, { section, toggleButton, onOpen, readOnly }) : null };
}
