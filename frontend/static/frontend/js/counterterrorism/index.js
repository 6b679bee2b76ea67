// Mounts the "Противодействие на тероризма" panel for analysts, planners and administrators.
import { CounterTerrorismPanel } from './panel.js';

export function setupCounterTerrorism(map, { section, toggleButton, onOpen, canWrite }) {
  const panel = section ? new CounterTerrorismPanel(map, { section, toggleButton, onOpen, canWrite }) : null;
  return { panel };
}
