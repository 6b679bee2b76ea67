// Mounts the inspections panel (guarded sites: annual schedule, inspections, report to the mayor).
import { InspectionsPanel } from './panel.js';

export function setupInspections(map, { section, toggleButton, onOpen, canWrite }) {
  return { panel: section ? new InspectionsPanel(map, { section, toggleButton, onOpen, canWrite }) : null };
}
